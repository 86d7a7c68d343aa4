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
  /** A table keyed by codes, keyed by their Swedish names instead. */
  const named = (table, name) => Object.fromEntries(Object.entries(table || {}).map(([k, v]) => [name(k), v]));
  const bar = (id, data, label, horizontal) => new Chart(document.getElementById(id), {
    type: "bar",
    data: { labels: Object.keys(data), datasets: [{ label, data: Object.values(data).map(num), backgroundColor: "#0b5cad" }] },
    options: { maintainAspectRatio: false, indexAxis: horizontal ? "y" : "x", plugins: { legend: { display: false } } },
  });
  try {
    const [stats, codes, places] = await Promise.all(
      [get("/api/v1/research/statistics"), get("/api/v1/debriefs/codes"), Saknad.places()]);
    const label = (list) => {
      const names = new Map(list.map((c) => [c.code, c.sv]));
      return (code) => names.get(code) || code;
    };
    const reason = label(codes.reasons);
    const outcome = label(codes.outcomes);
    bar("byMonth", named(stats.cases.byMonth, Saknad.month), "Ärenden");
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

    if (role === "RESEARCHER") {
      document.getElementById("rowsPanel").hidden = false;
      const rows = await get("/api/v1/research/debriefs");
      document.getElementById("rows").append(...rows.map((x) => el("tr", {},
        el("td", {}, el("code", {}, x.childKey.slice(0, 10) + "…")), cell(x, "episodes"), cell(x, "ageBand", Saknad.ageBand(x.ageBand)),
        cell(x, "gender", Saknad.GENDER[x.gender]), cell(x, "regionOfOrigin", Saknad.ORIGIN_REGIONS[x.regionOfOrigin]),
        cell(x, "countyCode", places.county(x.countyCode)), cell(x, "quarter", Saknad.quarter(x.quarter)),
        el("td", { class: "num" }, number(x.missingHours)),
        el("td", {}, outcome(x.outcome)), el("td", {}, x.reasons.map(reason).join(", ")),
        el("td", {}, x.childStatement || (x.consentToResearch ? "" : "(inget samtycke)")))));
      document.getElementById("csv").addEventListener("click", async () => {
        const response = await fetch("/api/v1/research/debriefs.csv", {
          headers: { Authorization: "Bearer " + sessionStorage.getItem("saknad.token") },
        });
        const url = URL.createObjectURL(await response.blob());
        const a = el("a", { href: url, download: "saknad-aterkomstsamtal.csv" });
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10000);
      });
    }
  } catch (e) {
    const box = document.getElementById("error");
    box.textContent = Saknad.problemText(e);
    box.hidden = false;
  }
})();
