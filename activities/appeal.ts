// Formal appeal (Yuzhno-Sakhalinsk 3.8, seed 000_42ec52c8cd571ccf.txt §3.8): with the author's consent the
// message goes by e-mail to the appeals office with the citizen's full name, the postal (or e-mail) address
// for the answer and a phone for quick contact; the office registers it as an appeal under Federal Law
// 59-FZ of 02.05.2006 and it is answered on that law's terms, outside this workflow.
import { ApplicationFailure } from "@temporalio/common";
import type { Db } from "../db/client";
import type { Mailer } from "./mail";
import { findOrg } from "./notify";
import { sendOnce } from "./once";

export interface FormalAppealInput {
  key: string;
  caseId: string;
  org: string;
  fullName: string;
  address: string;
  phone?: string;
  text: string;
  url: string;
}

export async function handOffFormalAppeal(
  deps: { db: Db; mailer: Mailer },
  input: FormalAppealInput,
): Promise<void> {
  const org = await findOrg(deps.db, input.org);
  if (!org.appealsEmail)
    throw ApplicationFailure.nonRetryable(`org '${org.id}' has no appeals office e-mail`, "no_appeals_email");
  const subject = `Обращение гражданина (59-ФЗ) из социальной сети: ${input.caseId}`;
  const to = org.appealsEmail;
  await sendOnce(
    deps.db,
    { key: input.key, caseId: input.caseId, channel: "email", recipient: to, subject },
    () => deps.mailer.send({ key: input.key, to: [to], subject, text: appealText(org.name, input) }),
  );
}

export function appealText(orgName: string, a: FormalAppealInput): string {
  return [
    `${orgName}: сообщение из социальной сети передаётся с согласия автора для регистрации как обращение`,
    "гражданина по Федеральному закону от 02.05.2006 № 59-ФЗ.",
    "",
    `Фамилия, имя, отчество: ${a.fullName}`,
    `Адрес для ответа: ${a.address}`,
    `Телефон: ${a.phone ?? "не указан"}`,
    "",
    `Сообщение: ${a.url}`,
    "",
    a.text,
    "",
    `Дело: ${a.caseId}`,
  ].join("\n");
}
