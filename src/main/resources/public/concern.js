"use strict";
(async () => {
  const { el, get, when } = Saknad;
  const role = Saknad.page(["HVB_STAFF", "COORDINATOR", "SOCIAL_SERVICES", "POLICE", "ADMIN"]);
  const id = Saknad.query("id");
  const banner = document.getElementById("banner");
  const say = (text) => {
    banner.textContent = text;
    banner.hidden = false;
  };
  let concern;
  try {
    concern = await get("/api/v1/concerns/" + encodeURIComponent(id || ""));
  } catch (e) {
    if (e.signedOut) return;
    const refusal = document.getElementById("refusal");
    refusal.hidden = false;
    refusal.replaceChildren(
      el("h1", {}, "Orosanmälan kan inte visas"),
      el("p", { class: "form-error", role: "alert" }, e.status === 404 || e.status === 400
        ? "Orosanmälan finns inte, eller så ligger den utanför det du har behörighet till."
        : Saknad.problemText(e)),
      el("a", { href: Saknad.START[role] }, "Till din startsida"));
    return;
  }
  if (Saknad.query("new")) say("Orosanmälan är skickad till dem som står under ”Fick sms”.");
  const [codes, outcomes] = await Promise.all([get("/api/v1/concerns/codes"), get("/api/v1/concerns/outcomes")]);
  const signText = new Map(codes.map((c) => [c.code, c]));
  const assessmentText = new Map(outcomes.assessment.map((o) => [o.code, o.text]));
  document.getElementById("outcome").append(el("option", { value: "" }, "Välj bedömning"),
    ...outcomes.assessment.map((o) => el("option", { value: o.code }, o.text)));
  document.getElementById("closeOutcome").append(el("option", { value: "" }, "Välj utfall"),
    ...outcomes.close.map((o) => el("option", { value: o.code }, o.text)));
  document.getElementById("concern").hidden = false;
  const text = (id, value) => (document.getElementById(id).textContent = value);

  function render() {
    const c = concern;
    document.title = "Oro för " + c.childGivenName + " – Saknad";
    text("title", "Oro för " + c.childGivenName);
    const status = document.getElementById("status");
    status.textContent = Saknad.CONCERN_STATUS[c.status] || c.status;
    status.className = "badge " + (c.assessmentOverdue ? "missing" : c.status === "OPEN" ? "" : "ok");
    document.getElementById("due").replaceChildren(...(c.status === "OPEN" && !c.assessment
      ? ["Skyddsbedömning senast " + when(c.assessmentDueBy) + " ", Saknad.deadline(c.assessmentDueBy)] : []));
    text("observed", when(c.observedAt));
    document.getElementById("signs").replaceChildren(el("ul", { class: "inline" }, c.signs.map((s) => {
      const sign = signText.get(s);
      return el("li", {}, sign ? sign.text : s, sign && sign.exploitation ? el("strong", {}, " (tecken på exploatering)") : null);
    })));
    text("note", c.note || "Ingen anteckning.");
    text("recorded", when(c.recordedAt));
    text("notified", c.notified.map((n) => n.name + " (" + (Saknad.KINDS[n.kind] || "Nationellt metodstöd") + ")").join(", ") || "Ingen.");
    text("assessment", c.assessment
      ? assessmentText.get(c.assessment.outcome) + " (" + when(c.assessment.assessedAt) + ")" + (c.assessment.note ? ": " + c.assessment.note : "")
      : "Inte gjord ännu.");
    const caseLink = document.getElementById("caseLink");
    caseLink.hidden = !c.caseId;
    if (c.caseId) caseLink.replaceChildren(el("a", { href: "case.html?id=" + c.caseId }, "Visa försvinnandet"));
    document.getElementById("missingPanel").hidden = !c.mayReportMissing;
    document.getElementById("assessPanel").hidden = !c.mayAssess;
    document.getElementById("closePanel").hidden = c.status === "CLOSED" || !["SOCIAL_SERVICES", "COORDINATOR"].includes(role) ||
      (role === "SOCIAL_SERVICES" && !c.mayAssess && !c.assessment);
  }
  render();

  Saknad.onSubmit(document.getElementById("missingForm"), async (data) => {
    const home = await get("/api/v1/homes/" + concern.homeId);
    try {
      const kase = await Saknad.post("/api/v1/concerns/" + id + "/disappearance", {
        lastSeenAt: new Date().toISOString(),
        lastSeenLocation: home.location,
        clothing: data.get("clothing").trim(),
      });
      location.href = "case.html?id=" + kase.id + "&new=1";
    } catch (e) {
      if (e.status === 409 && e.body.openCaseId) {
        location.href = "case.html?id=" + e.body.openCaseId + "&already=1";
        return;
      }
      throw e;
    }
  });
  Saknad.onSubmit(document.getElementById("assessForm"), async (data) => {
    concern = await Saknad.post("/api/v1/concerns/" + id + "/assessment", { outcome: data.get("outcome"), note: data.get("note").trim() });
    say("Skyddsbedömningen är sparad.");
    render();
  });
  Saknad.onSubmit(document.getElementById("closeForm"), async (data) => {
    concern = await Saknad.post("/api/v1/concerns/" + id + "/close", { outcome: data.get("outcome") });
    say("Orosanmälan är avslutad.");
    render();
  });
})();
