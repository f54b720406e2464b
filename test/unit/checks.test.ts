// The draft checks on real-looking answers (checks/): a good answer gets no finding, each fault its own,
// the «отписка» of the issue every one of them; with the real Russian dictionary.
import { describe, expect, it } from "vitest";
import { blocking, resolveSettings, reworkReasons, runChecks } from "../../checks";
import { references } from "../../checks/citations";
import { faulty, goodAnswers, misspellings, otpiska } from "../support/answers";

const defaults = resolveSettings(undefined);
const codes = (text: string, settings = defaults, extra = {}) =>
  runChecks({ text, network: "telegram", ...extra }, settings).map((f) => f.code);

describe("draft checks", () => {
  it("finds nothing in good answers", () => {
    for (const text of goodAnswers) expect(runChecks({ text, network: "vk" }, defaults), text).toEqual([]);
  });

  it("finds each fault, and only it", () => {
    for (const [code, text] of Object.entries(faulty))
      expect(new Set(codes(text)), code).toEqual(new Set([code]));
  });

  it("finds everything in the «отписка»", () => {
    expect(new Set(codes(otpiska))).toEqual(
      new Set(["no_greeting", "too_many_citations", "bureaucratese", "redirect"]),
    );
  });

  it("locates each hit in the text", () => {
    const found = runChecks({ text: faulty.bureaucratese }, defaults);
    expect(found.map((f) => faulty.bureaucratese.slice(...f.at!))).toEqual([
      "Доводим до вашего сведения",
      "в настоящее время",
      "в рамках",
      "реализации мероприятий",
      "осуществляется проработка",
      "в установленном порядке",
    ]);
    const spelling = runChecks({ text: faulty.spelling }, defaults).filter((f) => f.code === "spelling");
    expect(spelling.map((f) => faulty.spelling.slice(...f.at!))).toEqual([
      "Ремнот",
      "обьявление",
      "извените",
    ]);
  });

  it("counts legal acts, not words: one act with its article and number, the same act twice once", () => {
    const one =
      "Согласно пункту 3 статьи 16 Федерального закона от 06.10.2003 № 131-ФЗ «Об общих принципах организации местного самоуправления в Российской Федерации» и ещё раз по № 131-ФЗ.";
    expect(references(one)).toHaveLength(1);
    expect(codes(`Здравствуйте! ${one} Дорогу отремонтируем в мае.`)).toEqual([]);
    const issuer =
      "постановлением администрации Пластуновского сельского поселения от 04.09.2023 № 273, приказом министерства № 15 и Жилищным кодексом РФ, статьёй 161 ЖК РФ";
    expect(references(issuer).map((r) => r.key)).toEqual(["№273", "№15", "жилищ кодек"]);
  });

  it("bureaucratese: one stock phrase is tolerated, the density is the org's", () => {
    const one = "Здравствуйте! В настоящее время дорогу ремонтируют, работы закончат в мае.";
    expect(codes(one)).toEqual([]);
    const strict = resolveSettings({ bureaucratesePer100Words: 2 });
    const two =
      "Здравствуйте! В настоящее время дорогу ремонтируют, в соответствии с планом работы закончат в мае, а освещение на улице Ленина включат в июне, когда подрядчик проложит кабель вдоль всей улицы до школы и стадиона, как и обещали жителям на встрече в марте. Спасибо, что написали нам: если работы задержатся, мы сообщим об этом здесь же и назовём новый срок.";
    expect(codes(two)).toEqual([]);
    expect(codes(two, strict)).toContain("bureaucratese");
  });

  it("redirect: sending elsewhere is a fault unless the answer says what was done", () => {
    expect(codes(faulty.redirect)).toEqual(["redirect"]);
    const forwarded =
      "Здравствуйте! Вывоз мусора не относится к компетенции администрации, поэтому мы направили ваше обращение региональному оператору: контейнеры вывезут завтра.";
    expect(codes(forwarded)).toEqual([]);
  });

  it("spelling: the dictionary knows the misspellings are not words, and the right forms are", () => {
    for (const [wrong, right] of misspellings) {
      expect(codes(`Здравствуйте! ${wrong}`), wrong).toEqual(["spelling"]);
      expect(codes(`Здравствуйте! ${right}`), right).toEqual([]);
    }
  });

  it("spelling: ё and е alike, capitals and abbreviations, the org's own words", () => {
    expect(codes("Здравствуйте! Ремонт начнется в мае, еще до праздников.")).toEqual([]);
    expect(codes("Здравствуйте! Ремонт начнётся в мае, ещё до праздников.")).toEqual([]);
    expect(codes("Здравствуйте! Спросите в ЖКХ или МКД, сайт https://example.ru/zhkh-otvet.")).toEqual([]);
    const text = "Здравствуйте! Дорогу на улице Краснодарской у хутора Пластуновского починит Кривошеев.";
    const unknown = runChecks({ text }, defaults).map((f) => text.slice(...f.at!));
    expect(unknown.length).toBeGreaterThan(0);
    const local = resolveSettings(
      undefined,
      unknown.map((w) => w.replace(/е/g, "ё")),
    );
    expect(codes(text, local)).toEqual([]);
  });

  it("greeting: by name where the org wants it and the author's name is known", () => {
    const byName = resolveSettings({ greetByName: true });
    const text = "Здравствуйте! Ремонт дороги начнётся в мае.";
    expect(codes(text, byName, { authorName: "Иван Петров" })).toEqual(["no_greeting"]);
    expect(
      codes("Здравствуйте, Иван! Ремонт дороги начнётся в мае.", byName, { authorName: "Иван Петров" }),
    ).toEqual([]);
    expect(codes(text, byName)).toEqual([]);
    expect(codes("Иван, добрый день! Ремонт дороги начнётся в мае.", byName, { authorName: "Иван" })).toEqual(
      [],
    );
  });

  it("too_long: per network; the org may set its own limit", () => {
    const text = faulty.too_long;
    expect(text.length).toBeGreaterThan(4096);
    expect(codes(text, defaults, { network: "site" })).toEqual([]);
    const found = runChecks({ text, network: "telegram" }, defaults).find((f) => f.code === "too_long")!;
    expect(found.at).toEqual([4096, text.length]);
    const short = resolveSettings({ maxLength: { site: 1000 } });
    expect(codes(text, short, { network: "site" })).toEqual(["too_long"]);
  });

  it("settings: enabled checks only; blocking from the org, else the regulation", () => {
    const off = resolveSettings({ enabled: ["spelling"] });
    expect(codes(otpiska, off)).toEqual([]);
    const plast = resolveSettings(undefined, [], {
      draftChecks: { block: ["too_many_citations"], source: "x" },
    });
    expect(blocking(runChecks({ text: otpiska }, plast), plast).map((f) => f.code)).toEqual([
      "too_many_citations",
    ]);
    const own = resolveSettings({ block: ["redirect"] }, [], {
      draftChecks: { block: ["too_many_citations"], source: "x" },
    });
    expect(own.block).toEqual(["redirect"]);
    expect(resolveSettings({ enabled: ["spelling"], block: ["redirect"] }).block).toEqual([]);
  });

  it("pre-fills the curator's rework reasons from the findings", () => {
    expect(reworkReasons(runChecks({ text: otpiska }, defaults))).toEqual([
      "no_greeting",
      "format",
      "redirect",
    ]);
  });
});
