"use strict";
(async () => {
  const { el, get, when } = Saknad;
  Saknad.page(["COORDINATOR", "POLICE", "SOCIAL_SERVICES"]);
  const form = document.getElementById("filter");
  const codes = await get("/api/v1/referrals/codes");
  const reasons = new Map(codes.reasons.map((c) => [c.code, c.sv]));
  const places = await Saknad.places();
  async function load() {
    const body = document.getElementById("referrals");
    try {
      const status = form.elements.status.value;
      const list = await get("/api/v1/referrals" + (status ? "?status=" + status : ""));
      body.replaceChildren(...list.map((r) => el("tr", {},
        el("td", {}, el("a", { href: "referral.html?id=" + r.id }, r.caseCode)),
        el("td", {}, r.reasons.map((x) => reasons.get(x) || x).join(", ")),
        el("td", {}, places.region(r.policeRegion)),
        el("td", {}, when(r.openedAt)),
        el("td", {}, el("span", { class: "badge " + (r.status === "OPEN" ? "missing" : r.status === "CLOSED" ? "ok" : "warn") },
          Saknad.REFERRAL_STATUS[r.status])))));
      if (!list.length) body.append(el("tr", {}, el("td", { colspan: 5 }, "Inga remisser.")));
    } catch (e) {
      const box = document.getElementById("error");
      box.textContent = Saknad.problemText(e);
      box.hidden = false;
    }
  }
  form.addEventListener("submit", (e) => { e.preventDefault(); load(); });
  load();
})();
