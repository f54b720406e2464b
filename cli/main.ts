// The command line (docs/architecture.md "Command line"): `npx tsx cli/main.ts <command> ...`. Each command
// is a module exporting `run(args: string[]): Promise<void>`; errors print to stderr with exit code 1 (2:
// usage).
const commands: Record<string, string> = {
  calendar: "./calendar.ts",
  plan: "./plan.ts",
  token: "./token.ts",
};

async function main() {
  const [name, ...args] = process.argv.slice(2);
  const path = name ? commands[name] : undefined;
  if (!path) {
    console.error(`usage: npx tsx cli/main.ts <${Object.keys(commands).join("|")}> ...`);
    process.exit(2);
  }
  const command = (await import(path)) as { run(args: string[]): Promise<void> };
  await command.run(args);
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
