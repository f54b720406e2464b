// `npx tsx bench/checks.bench.ts`: the draft checks (checks/) on a 2,000-character answer, and the choice of
// the Russian dictionary: cspell's (@cspell/dict-ru_ru through cspell-trie-lib, ours) against nspell with
// dictionary-ru (Hunspell ru_RU, the other maintained npm option), in the same process on the same words:
// load time and memory once per process, misspellings caught, correct words wrongly flagged, speed.
import { createRequire } from "node:module";
import { resolveSettings, runChecks, type Speller } from "../checks";
import { checkSpelling, russianSpeller, withWords } from "../checks/spelling";
import { faulty, goodAnswers, misspellings, otpiska } from "../test/support/answers";

const N = Number(process.env.BENCH_N ?? 2_000);
// `BENCH_MEMORY=1`: each dictionary loaded alone in a child process, its resident memory after the load
// (in one process the second load's growth is hidden by the heap the first one left).
if (process.env.BENCH_MEMORY === "1") await memoryOnly();
const mb = () => process.memoryUsage().rss / 2 ** 20;

// Correctly spelled words an answer of a municipal centre uses (inflected as in answers), beyond the corpus.
const vocabulary =
  `благоустройство благоустройству водоотведения водоснабжение ямочный ямочного асфальтирование
  маломобильных госуслуги госуслугах подрядчик подрядчиком контейнерная контейнерной площадки мусоропровода
  управляющая управляющей компании теплоснабжения отопительного сезона подтопления ливнёвки ливневой канализации
  тротуара тротуаров светофор светофора освещения фонари опоры электросетей капремонт капитального ремонта
  многоквартирного дома придомовой территории спилить аварийное дерево обрезка кронирование газона детской
  площадки горки качели шлагбаум парковки эвакуатора остановки расписание маршрутки перевозчика перевозчиком
  поликлиники фельдшерско-акушерского пункта обращение заявку заявке прокуратуру администрации поселения
  сельского округа муниципальной программы субсидии софинансирования аукциона контракта сметы экспертизы
  гололёд гололеда противогололёдными реагентами снегоуборочной техники грейдер грейдирование отсыпка щебнем`
    .split(/\s+/)
    .filter(Boolean);

function timed<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const v = f();
  return [v, performance.now() - t0];
}

const rss0 = mb();
const [cspell, cspellMs] = timed(() => russianSpeller());
const cspellMb = mb() - rss0;
const rss1 = mb();
const require = createRequire(import.meta.url);
const [nspellChecker, nspellMs] = await (async () => {
  const t0 = performance.now();
  const { default: nspell } = await import("nspell");
  const { readFileSync } = await import("node:fs");
  const dir = require.resolve("dictionary-ru").replace(/index\.js$/, "");
  const s = nspell({ aff: readFileSync(`${dir}index.aff`), dic: readFileSync(`${dir}index.dic`) });
  return [{ has: (w: string) => s.correct(w) } as Speller, performance.now() - t0] as const;
})();
const nspellMb = mb() - rss1;

// The same tokenizer and rules (ё = е, capitals, abbreviations) over both dictionaries.
const flagged = (speller: Speller, text: string) =>
  checkSpelling(text, withWords(speller, [])).map((f) => text.slice(...f.at!));
const correctText = [...goodAnswers, vocabulary.join(" ")].join(" ");
const correctWords = correctText.match(/\p{L}+(?:-\p{L}+)*/gu)!.length;
const accuracy = (speller: Speller) => ({
  caught: misspellings.filter(([wrong]) => flagged(speller, wrong).length > 0).length,
  rightForms: misspellings.filter(([, right]) => flagged(speller, right).length === 0).length,
  falseFlags: flagged(speller, correctText),
});
const ours = accuracy(cspell);
const base = accuracy(nspellChecker);

console.log("dictionary, once per process:");
console.log(
  `  cspell ru_ru (ours): ${cspellMs.toFixed(0)} ms (+${cspellMb.toFixed(0)} MiB rss, loaded first)`,
);
console.log(
  `  nspell + dictionary-ru: ${nspellMs.toFixed(0)} ms (+${nspellMb.toFixed(0)} MiB rss; BENCH_MEMORY=1 for each alone)`,
);
console.log(`accuracy (${misspellings.length} misspellings, ${correctWords} correct words of answers):`);
for (const [name, a] of [
  ["cspell ru_ru (ours)", ours],
  ["nspell + dictionary-ru", base],
] as const)
  console.log(
    `  ${name}: caught ${a.caught}/${misspellings.length}, right forms accepted ${a.rightForms}/${misspellings.length}, correct words flagged ${a.falseFlags.length}/${correctWords}: ${a.falseFlags.join(", ") || "none"}`,
  );

// A 2,000-character answer: good answers and the faulty ones, cut at a word.
const long = [...goodAnswers, faulty.bureaucratese, faulty.spelling, otpiska, ...goodAnswers].join(" ");
const answer = long.slice(0, long.lastIndexOf(" ", 2000));
const settings = resolveSettings(undefined);
const run = (speller: Speller) => {
  const times: number[] = [];
  let findings = 0;
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    findings = runChecks({ text: answer, network: "vk", authorName: "Иван" }, settings, speller).length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { mean: times.reduce((a, b) => a + b, 0) / N, p50: at(0.5), p99: at(0.99), findings };
};
run(cspell); // warm-up
const a = run(cspell);
const b = run(nspellChecker);
console.log(
  `every check on a ${answer.length}-character answer (${answer.split(/\s+/).length} words), ${N} runs:`,
);
console.log(
  `  cspell (ours): mean ${a.mean.toFixed(3)} ms, p50 ${a.p50.toFixed(3)}, p99 ${a.p99.toFixed(3)} (${a.findings} findings)`,
);
console.log(
  `  nspell: mean ${b.mean.toFixed(3)} ms, p50 ${b.p50.toFixed(3)}, p99 ${b.p99.toFixed(3)} (${b.findings} findings)`,
);
console.log(
  `  ratio nspell / ours: mean ${(b.mean / a.mean).toFixed(2)}×, p50 ${(b.p50 / a.p50).toFixed(2)}×`,
);

async function memoryOnly(): Promise<never> {
  const { execFileSync } = await import("node:child_process");
  const probe = (code: string) =>
    execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
      encoding: "utf8",
    }).trim();
  const base = probe("console.log((process.memoryUsage().rss / 2 ** 20).toFixed(0))");
  const ours = probe(
    `const { russianSpeller } = await import(${JSON.stringify(new URL("../checks/spelling.ts", import.meta.url).href)}); russianSpeller(); console.log((process.memoryUsage().rss / 2 ** 20).toFixed(0))`,
  );
  const theirs = probe(
    `import { readFileSync } from "node:fs"; import { createRequire } from "node:module"; const { default: nspell } = await import("nspell"); const dir = createRequire(${JSON.stringify(import.meta.url)}).resolve("dictionary-ru").replace(/index\\.js$/, ""); nspell({ aff: readFileSync(dir + "index.aff"), dic: readFileSync(dir + "index.dic") }); console.log((process.memoryUsage().rss / 2 ** 20).toFixed(0))`,
  );
  console.log(
    `rss after loading, each alone: node ${base} MiB, cspell ru_ru ${ours} MiB, nspell + dictionary-ru ${theirs} MiB`,
  );
  process.exit(0);
}
