"use strict";
(async () => {
  const { el, get } = Saknad;
  const role = Saknad.page(["RESEARCHER", "COORDINATOR"]);
  Chart.defaults.animation = false;
  // Counts arrive rounded to multiples of 5 (controlled rounding); categories rounding to 0 are absent.
  const num = (v) => (typeof v === "number" ? v : null);
  const { number, percent } = Saknad;
  // A suppressed value is shown as "*" with an explanation on hover and for screen readers.
  const cell = (row, field, text) => row.suppressed.includes(field)
    ? el("td", { class: "suppressed", title: "Undertryckt: färre än 3 barn delar kombinationen" }, "*",
      el("span", { class: "visually-hidden" }, " (undertryckt)"))
    : el("td", {}, text ?? row[field] ?? "–");
  // How long a child was missing, as the rows publish it (bands, never hours).
  const DURATION_BANDS = {
    "0-24h": "Under 24 tim", "1-3d": "1–3 dygn", "3-7d": "3–7 dygn", "1-4w": "1–4 veckor", "4w+": "Över 4 veckor",
    "1-7d": "1–7 dygn", "7d+": "Över 7 dygn", unknown: "Okänd",
  };
  const CONTINENTS = { "002": "Afrika", "142": "Asien", "150": "Europa", "019": "Amerika", "009": "Oceanien", ZZ: "Okänd" };
  // The levels the rows were generalised to, in Swedish.
  const QUASI_IDENTIFIERS = {
    origin: "ursprung", place: "plats", age: "ålder", time: "tid", language: "språk", duration: "tid borta",
    episodes: "episod", interview: "samtalet", risk: "risknivå", outcome: "utfall", gender: "kön",
  };
  const LEVELS = {
    nationality: "medborgarskap", region: "ursprungsregion", continent: "världsdel", municipality: "kommun",
    county: "län", years: "ålder i år", band: "grupp", wideBand: "bred grupp", quarter: "kvartal", year: "år",
    language: "språk", interpreter: "bara om tolk användes", number: "nummer", upTo3: "1, 2 eller 3+",
    upTo2: "1 eller 2+", interviewer: "vem som höll det", independenceAndTiming: "bara oberoende och inom 72 timmar",
    riskLevel: "nivå", outcome: "utfall", gender: "kön", suppressed: "undertryckt",
  };
  /** A table keyed by codes, keyed by their Swedish names instead. */
  const named = (table, name) => Object.fromEntries(Object.entries(table || {}).map(([k, v]) => [name(k), v]));
  const bar = (id, data, label, horizontal) => new Chart(document.getElementById(id), {
    type: "bar",
    data: { labels: Object.keys(data), datasets: [{ label, data: Object.values(data).map(num), backgroundColor: "#0b5cad" }] },
    options: { maintainAspectRatio: false, indexAxis: horizontal ? "y" : "x", plugins: { legend: { display: false } } },
  });
  /**
   * A month table with every month from the first to the last, those without cases as 0: a month
   * left out would vanish from the chart as if time had skipped it. (0 means 0–4, as everywhere.)
   */
  const everyMonth = (table) => {
    const keys = Object.keys(table || {}).filter((k) => /^\d{4}-\d{2}$/.test(k)).sort();
    if (!keys.length) return table || {};
    const all = {};
    let [y, m] = keys[0].split("-").map(Number);
    const [lastY, lastM] = keys[keys.length - 1].split("-").map(Number);
    while (y < lastY || (y === lastY && m <= lastM)) {
      const key = y + "-" + String(m).padStart(2, "0");
      all[key] = table[key] ?? 0;
      if (++m > 12) { m = 1; y++; }
    }
    return all;
  };
  const download = async (path, name) => {
    const response = await fetch(path, {
      headers: { Authorization: "Bearer " + sessionStorage.getItem("saknad.token") },
    });
    if (!response.ok) throw new Error("download " + response.status);
    const url = URL.createObjectURL(await response.blob());
    const a = el("a", { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  };
  try {
    const [stats, codes, places, signCodes] = await Promise.all(
      [get("/api/v1/research/statistics"), get("/api/v1/debriefs/codes"), Saknad.places(), get("/api/v1/concerns/codes")]);
    const label = (list) => {
      const names = new Map(list.map((c) => [c.code, c.sv]));
      return (code) => names.get(code) || code;
    };
    const reason = label(codes.reasons);
    const outcome = label(codes.outcomes);
    bar("byMonth", named(everyMonth(stats.cases.byMonth), Saknad.month), "Ärenden");
    bar("reasons", named(stats.reasons, reason), "Samtal", true);
    bar("returned", named(stats.casesByTimeToReturn, (k) => Saknad.RETURN_BANDS[k] || k), "Ärenden");
    bar("repeats", named(stats.childrenByNumberOfDisappearances, (k) => (k === "1" ? "1 gång" : k + " gånger")), "Barn");

    const tables = document.getElementById("tables");
    const table = (title, cases, children, name) => tables.append(el("section", { class: "panel" },
      el("h3", { style: "margin-top:0" }, title),
      el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, ""), el("th", {}, "Ärenden"), el("th", {}, "Barn"))),
        el("tbody", {}, Object.keys(cases).map((k) => el("tr", {},
          el("td", {}, name(k)), el("td", { class: "num" }, number(cases[k])), el("td", { class: "num" }, number(children[k]))))))));
    table("Åldersgrupp", stats.cases.byAgeBand, stats.children.byAgeBand, Saknad.ageBand);
    table("Kön", stats.cases.byGender, stats.children.byGender, (k) => Saknad.GENDER[k] || k);
    table("Medborgarskap", stats.cases.byNationality, stats.children.byNationality, Saknad.country);
    table("Län (hemmets)", stats.cases.byCounty, stats.children.byCounty, places.county);
    const r = stats.returned;
    tables.append(el("section", { class: "panel" }, el("h3", { style: "margin-top:0" }, "Återkomst"),
      el("p", { id: "returnShares" }, "Återkomna inom 24 timmar: " + percent(r.within24h) + ", inom 7 dagar: " + percent(r.within7days) +
        ", inte återkomna: " + percent(r.notYet) + " av " + number(r.cases) + " ärenden.")));
    tables.append(el("section", { class: "panel" }, el("h3", { style: "margin-top:0" }, "Återkomstsamtal"),
      el("p", {}, "Återkomna ärenden: " + number(stats.debriefs.returnedCases) + ". Samtal registrerade: " + number(stats.debriefs.debriefs) +
        ". Hållna inom 72 timmar: " + percent(stats.debriefs.heldWithin72hShareOfReturned) + " av de återkomna.")));
    // Concerns before a disappearance: by sign, assessed in time, and children gone again and again.
    const sign = new Map(signCodes.map((c) => [c.code, c.text]));
    const k = stats.concerns;
    const bySign = Object.keys(k.bySign);
    tables.append(el("section", { class: "panel", id: "concernStatistics" }, el("h3", { style: "margin-top:0" }, "Oro före försvinnanden"),
      el("p", { id: "concernShares" }, "Orosanmälningar: " + number(k.total) + ". Skyddsbedömda i tid (senast dagen efter): " +
        number(k.assessedInTime) + ", " + percent(k.assessedInTimeShare) + " av anmälningarna. Barn som försvann upprepade gånger: " +
        number(k.repeatChildren) + "."),
      bySign.length
        ? el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, "Tecken"), el("th", {}, "Anmälningar"))),
          el("tbody", { id: "concernSigns" }, bySign.map((code) => el("tr", {},
            el("td", {}, sign.get(code) || code), el("td", { class: "num" }, number(k.bySign[code]))))))
        : el("p", { class: "hint" }, "Inga tecken att redovisa."),
      el("p", { class: "hint" }, "En anmälan kan ange flera tecken. Upprepade gånger: så många försvinnanden på så kort tid som Saknad är inställd på (normalt tre inom 90 dagar), det senaste av dem under perioden.")));

    if (role === "RESEARCHER") {
      document.getElementById("rowsPanel").hidden = false;
      const [rows, protection] = await Promise.all(
        [get("/api/v1/research/debriefs"), get("/api/v1/research/debriefs/protection")]);
      const levels = protection.generalisation;
      document.getElementById("rowsProtection").textContent = "Generaliserat för alla rader: " +
        Object.entries(levels).map(([q, level]) => QUASI_IDENTIFIERS[q] + ": " + (LEVELS[level] || level)).join(", ") +
        ". Publicerade rader: " + protection.rowsPublished + ", undanhållna: " + protection.rowsWithheld +
        " (högst " + Math.round(protection.suppressionLimit * 100) + " %). Informationsförlust: " +
        Saknad.percent(protection.informationLoss * 100) + ".";
      const origin = (x) => x.nationality ? Saknad.country(x.nationality)
        : (levels.origin === "continent" ? CONTINENTS : Saknad.ORIGIN_REGIONS)[x.regionOfOrigin];
      const place = (x) => x.municipalityCode ? places.municipality(x.municipalityCode) : places.county(x.countyCode);
      const age = (x) => x.ageAtDisappearance != null ? x.ageAtDisappearance + " år" : Saknad.ageBand(x.ageBand);
      document.getElementById("rows").append(...rows.map((x) => el("tr", {},
        el("td", {}, el("code", {}, x.childKey.slice(0, 10) + "…")), cell(x, "episodes", x.episodeNumber ?? x.episodes),
        cell(x, "ageBand", age(x)), cell(x, "gender", Saknad.GENDER[x.gender]), cell(x, "regionOfOrigin", origin(x)),
        cell(x, "countyCode", place(x)), cell(x, "quarter", Saknad.quarter(x.quarter)),
        cell(x, "durationBand", DURATION_BANDS[x.durationBand]),
        cell(x, "outcome", outcome(x.outcome)), el("td", {}, x.reasons.map(reason).join(", ")),
        el("td", {}, x.childStatement || (x.consentToResearch ? "" : "(inget samtycke)")))));
      document.getElementById("csv").addEventListener("click", () =>
        download("/api/v1/research/debriefs.csv", "saknad-aterkomstsamtal.csv"));
      document.getElementById("xlsx").addEventListener("click", () =>
        download("/api/v1/research/debriefs.xlsx", "saknad-aterkomstsamtal.xlsx"));
      const book = await get("/api/v1/research/debriefs/codebook");
      document.getElementById("codeBook").append(...book.columns.map((c) => el("tr", {},
        el("td", {}, el("code", {}, c.name)), el("td", {}, c.sv),
        el("td", {}, c.values.length
          ? el("ul", { class: "codes" }, c.values.map((v) => el("li", {}, el("code", {}, v.code), " " + v.sv)))
          : "–"))));
    }
  } catch (e) {
    const box = document.getElementById("error");
    box.textContent = Saknad.problemText(e);
    box.hidden = false;
  }
})();
