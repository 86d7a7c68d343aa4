"use strict";
(async () => {
  const { el, get, when } = Saknad;
  Saknad.page(["HVB_STAFF", "COORDINATOR", "POLICE", "SOCIAL_SERVICES", "ADMIN"]);
  const form = document.getElementById("filter");
  const municipalities = new Map((await get("/api/v1/geo/municipalities")).map((m) => [m.code, m.name]));
  async function load() {
    const body = document.getElementById("cases");
    try {
      const cases = await get("/api/v1/cases?status=" + form.elements.status.value);
      body.replaceChildren(...cases.map((c) => el("tr", {},
        el("td", {}, el("a", { href: "case.html?id=" + c.id }, c.code)),
        el("td", {}, c.child.givenName + " " + c.child.familyName),
        el("td", {}, when(c.lastSeenAt), c.lastSeenPlace ? " · " + c.lastSeenPlace : ""),
        el("td", {}, municipalities.get(c.municipalityCode) || c.municipalityCode),
        el("td", {}, Saknad.RISK[c.riskLevel]))));
      if (!cases.length) body.append(el("tr", {}, el("td", { colspan: 5 }, "Inga ärenden.")));
    } catch (e) {
      const box = document.getElementById("error");
      box.textContent = Saknad.problemText(e);
      box.hidden = false;
    }
  }
  form.addEventListener("submit", (e) => { e.preventDefault(); load(); });
  load();
})();
