"use strict";
(async () => {
  const { el, get } = Saknad;
  const role = Saknad.page(["RESEARCHER", "COORDINATOR"]);
  Chart.defaults.animation = false;
  // Counts arrive rounded to multiples of 5 (controlled rounding); categories rounding to 0 are absent.
  const num = (v) => (typeof v === "number" ? v : null);
  const REGIONS = {
    "034": "Södra Asien", "145": "Västasien", "015": "Nordafrika", "202": "Afrika söder om Sahara",
    "142": "Övriga Asien", "150": "Europa", "019": "Amerika", "009": "Oceanien", ZZ: "Okänd",
  };
  const GENDERS = { FEMALE: "Flicka", MALE: "Pojke", OTHER: "Annat", UNKNOWN: "Okänt" };
  // A suppressed value is shown as "*" with an explanation on hover and for screen readers.
  const cell = (row, field, text) => row.suppressed.includes(field)
    ? el("td", { class: "suppressed", title: "Undertryckt: färre än 3 barn delar kombinationen" }, "*",
      el("span", { class: "visually-hidden" }, " (undertryckt)"))
    : el("td", {}, text ?? row[field] ?? "–");
  const bar = (id, data, label, horizontal) => new Chart(document.getElementById(id), {
    type: "bar",
    data: { labels: Object.keys(data), datasets: [{ label, data: Object.values(data).map(num), backgroundColor: "#0b5cad" }] },
    options: { maintainAspectRatio: false, indexAxis: horizontal ? "y" : "x", plugins: { legend: { display: false } } },
  });
  try {
    const stats = await get("/api/v1/research/statistics");
    const codes = await get("/api/v1/debriefs/codes");
    const reasonNames = Object.fromEntries(codes.reasons.map((c) => [c.code, c.sv]));
    bar("byMonth", stats.cases.byMonth, "Ärenden");
    bar("reasons", Object.fromEntries(Object.entries(stats.reasons).map(([k, v]) => [reasonNames[k] || k, v])), "Samtal", true);
    const BANDS = {
      "1 under 6 h": "Under 6 tim", "2 6-24 h": "6–24 tim", "3 1-3 days": "1–3 dygn",
      "4 3-7 days": "3–7 dygn", "5 over 7 days": "Över 7 dygn", "6 not returned": "Inte återkommen",
    };
    bar("returned", Object.fromEntries(Object.entries(stats.casesByTimeToReturn).map(([k, v]) => [BANDS[k] || k, v])), "Ärenden");
    bar("repeats", Object.fromEntries(Object.entries(stats.childrenByNumberOfDisappearances).map(([k, v]) => [k + " gång(er)", v])), "Barn");

    const tables = document.getElementById("tables");
    const table = (title, cases, children) => tables.append(el("section", { class: "panel" },
      el("h3", { style: "margin-top:0" }, title),
      el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, ""), el("th", {}, "Ärenden"), el("th", {}, "Barn"))),
        el("tbody", {}, Object.keys(cases).map((k) => el("tr", {}, el("td", {}, k), el("td", {}, cases[k]), el("td", {}, children[k] ?? "–")))))));
    table("Åldersgrupp", stats.cases.byAgeBand, stats.children.byAgeBand);
    const named = (t) => Object.fromEntries(Object.entries(t).map(([k, v]) => [GENDERS[k] || k, v]));
    table("Kön", named(stats.cases.byGender), named(stats.children.byGender));
    table("Medborgarskap", stats.cases.byNationality, stats.children.byNationality);
    table("Län (hemmets)", stats.cases.byCounty, stats.children.byCounty);
    const r = stats.returned;
    tables.append(el("section", { class: "panel" }, el("h3", { style: "margin-top:0" }, "Återkomst"),
      el("p", {}, "Återkomna inom 24 timmar: " + (r.within24h ?? "–") + " %, inom 7 dagar: " + (r.within7days ?? "–") +
        " %, inte återkomna: " + (r.notYet ?? "–") + " % av " + r.cases + " ärenden.")));
    tables.append(el("section", { class: "panel" }, el("h3", { style: "margin-top:0" }, "Återkomstsamtal"),
      el("p", {}, "Återkomna ärenden: " + stats.debriefs.returnedCases + ". Samtal registrerade: " + stats.debriefs.debriefs +
        ". Hållna inom 72 timmar: " + (stats.debriefs.heldWithin72hShareOfReturned ?? "–") + " % av de återkomna.")));

    if (role === "RESEARCHER") {
      document.getElementById("rowsPanel").hidden = false;
      const rows = await get("/api/v1/research/debriefs");
      document.getElementById("rows").append(...rows.map((x) => el("tr", {},
        el("td", {}, el("code", {}, x.childKey.slice(0, 10) + "…")), cell(x, "episodes"), cell(x, "ageBand"),
        cell(x, "gender", GENDERS[x.gender]), cell(x, "regionOfOrigin", REGIONS[x.regionOfOrigin]), cell(x, "countyCode"),
        cell(x, "quarter"), el("td", {}, x.missingHours ?? "–"),
        el("td", {}, x.outcome), el("td", {}, x.reasons.map((c) => reasonNames[c] || c).join(", ")),
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
    box.textContent = e.body ? e.body.title : String(e);
    box.hidden = false;
  }
})();
