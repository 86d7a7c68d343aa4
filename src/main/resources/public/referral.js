"use strict";
(async () => {
  const { el, get, post, when } = Saknad;
  Saknad.page(["COORDINATOR", "POLICE", "SOCIAL_SERVICES"]);
  const id = Saknad.query("id");
  const codes = await get("/api/v1/referrals/codes");
  const reasons = new Map(codes.reasons.map((c) => [c.code, c.sv]));
  const outcomes = new Map(codes.outcomes.map((c) => [c.code, c.sv]));
  const exploitation = new Map((await get("/api/v1/debriefs/codes")).exploitationIndicators.map((c) => [c.code, c.sv]));
  const select = document.getElementById("outcome");
  // A grave outcome is a deliberate choice: nothing is chosen until someone chooses it.
  select.replaceChildren(
    el("option", { value: "" }, "Välj utfall"),
    ...codes.outcomes.map((c) => el("option", { value: c.code }, c.sv)));
  select.required = true;
  const places = await Saknad.places();

  function render(view) {
    const r = view.referral;
    document.title = "Remiss " + r.caseCode + " – Saknad";
    document.getElementById("code").textContent = r.caseCode;
    document.getElementById("summary").textContent =
      (r.automatic ? "Öppnad automatiskt " : "Öppnad för hand ") + when(r.openedAt) + ". " + places.region(r.policeRegion) +
      ". Ärendet: " + Saknad.STATUS[view.caseStatus] + ", senast sedd " + when(view.lastSeenAt) +
      (view.returnedAt ? ", tillbaka " + when(view.returnedAt) : "") + "." +
      (r.acknowledgedAt ? " Kvitterad " + when(r.acknowledgedAt) + " via " + (Saknad.CHANNELS[r.acknowledgedChannel] || r.acknowledgedChannel) + "." : "") +
      (r.outcome ? " Utfall: " + outcomes.get(r.outcome) + "." : "");
    const status = document.getElementById("status");
    status.textContent = Saknad.REFERRAL_STATUS[r.status];
    status.className = "badge " + (r.status === "OPEN" ? "missing" : r.status === "CLOSED" ? "ok" : "warn");
    document.getElementById("reasons").replaceChildren(
      ...r.reasons.map((x) => el("li", {}, reasons.get(x) || x)),
      ...(r.indicators.length ? [el("li", {}, "Tecken: " + r.indicators.map((x) => exploitation.get(x) || x).join(", "))] : []));
    const c = view.child;
    document.getElementById("child").textContent =
      c.givenName + (c.age != null ? ", " + c.age + " år" : "") + ", " + Saknad.genderWord(c.gender, c.age) + ", " + Saknad.country(c.nationality) +
      ". Ansvarig kommun: " + (c.responsibleMunicipality || places.municipality(c.responsibleMunicipalityCode)) + ".";
    const notices = view.notices.map((n) => el("tr", {},
      el("td", {}, n.recipientName || (n.audience === "NATIONAL" ? "Nationella metodstödsteamet (NMT)" : n.audience)),
      el("td", {}, n.phone || "–"), el("td", {}, when(n.sentAt)),
      el("td", {}, n.acknowledgedAt ? el("span", { class: "badge ok" }, when(n.acknowledgedAt)) : "–")));
    document.getElementById("notices").replaceChildren(
      ...(notices.length ? notices : [el("tr", {}, el("td", { colspan: 4 }, "Ingen mottagare nåddes."))]));
    document.getElementById("act").hidden = !view.mayAct || r.status === "CLOSED";
    document.getElementById("ackForm").hidden = r.status !== "OPEN";
  }

  render(await get("/api/v1/referrals/" + id));
  const banner = document.getElementById("banner");
  Saknad.onSubmit(document.getElementById("ackForm"), async () => {
    render(await post("/api/v1/referrals/" + id + "/acknowledgement", {}));
    banner.textContent = "Remissen är kvitterad.";
    banner.hidden = false;
  });
  Saknad.onSubmit(document.getElementById("closeForm"), async (data) => {
    render(await post("/api/v1/referrals/" + id + "/close", { outcome: data.get("outcome") || null }));
    banner.textContent = "Remissen är avslutad.";
    banner.hidden = false;
  });
})();
