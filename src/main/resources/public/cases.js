"use strict";
(async () => {
  const { el, get, when } = Saknad;
  Saknad.page(["HVB_STAFF", "COORDINATOR", "POLICE", "SOCIAL_SERVICES", "ADMIN"]);
  const form = document.getElementById("filter");
  const municipalities = new Map((await get("/api/v1/geo/municipalities")).map((m) => [m.code, m.name]));
  const more = document.getElementById("more");
  let next = null;
  const row = (c) => el("tr", {},
    el("td", {}, el("a", { href: "case.html?id=" + c.id }, c.code)),
    el("td", {}, Saknad.fullName(c.child)),
    el("td", {}, when(c.lastSeenAt), c.lastSeenPlace ? " · " + c.lastSeenPlace : ""),
    el("td", {}, municipalities.get(c.municipalityCode) || c.municipalityCode),
    el("td", {}, Saknad.RISK[c.riskLevel]));
  // The service answers a page at a time (newest first); "Visa fler" fetches the next one.
  async function load(path, append) {
    const body = document.getElementById("cases");
    try {
      const page = await Saknad.getPage(path);
      if (append) body.append(...page.items.map(row));
      else body.replaceChildren(...page.items.map(row));
      if (!append && !page.items.length) body.append(el("tr", {}, el("td", { colspan: 5 }, "Inga ärenden.")));
      next = page.next;
      more.hidden = !next;
    } catch (e) {
      const box = document.getElementById("error");
      box.textContent = Saknad.problemText(e);
      box.hidden = false;
    }
  }
  const first = () => load("/api/v1/cases?status=" + form.elements.status.value, false);
  more.addEventListener("click", () => next && load(next, true));
  form.addEventListener("submit", (e) => { e.preventDefault(); first(); });
  first();
})();
