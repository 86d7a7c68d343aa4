"use strict";
(async () => {
  const { el, get, when } = Saknad;
  const role = Saknad.page(["HVB_STAFF", "COORDINATOR", "POLICE", "SOCIAL_SERVICES", "ADMIN"]);
  const id = Saknad.query("id");
  const banner = document.getElementById("banner");
  if (Saknad.query("new")) {
    banner.textContent = "Larmet är skickat. Mottagarna nedan har fått sms.";
    banner.hidden = false;
  } else if (Saknad.query("already")) {
    banner.textContent = "Barnet har redan ett öppet ärende: här är det.";
    banner.hidden = false;
  }
  const map = await Saknad.map("map", { bordersQuiet: true });
  let area = null;
  let kase = await get("/api/v1/cases/" + id);

  if (["SOCIAL_SERVICES", "COORDINATOR"].includes(role)) {
    document.getElementById("referralPanel").hidden = false;
    Saknad.onSubmit(document.getElementById("referralForm"), async (data) => {
      try {
        const opened = await Saknad.post("/api/v1/cases/" + id + "/referrals", { reason: data.get("reason") });
        location.href = "referral.html?id=" + opened.referral.id;
      } catch (e) {
        if (e.status === 409 && e.body.referralId) location.href = "referral.html?id=" + e.body.referralId;
        else throw e;
      }
    });
  }

  function render() {
    document.title = "Ärende " + kase.code + " – Saknad";
    document.getElementById("code").textContent = kase.code;
    document.getElementById("summary").textContent =
      kase.child.givenName + " " + kase.child.familyName + (kase.child.age != null ? ", " + kase.child.age + " år" : "") +
      ". Senast sedd " + when(kase.lastSeenAt) + (kase.lastSeenPlace ? ", " + kase.lastSeenPlace : "") +
      ". Risknivå: " + Saknad.RISK[kase.riskLevel] + ".";
    const status = document.getElementById("status");
    status.textContent = Saknad.STATUS[kase.status];
    status.className = "badge " + (kase.status === "MISSING" ? "missing" : "ok");

    const deliveries = (kase.alerts || []).flatMap((a) => a.deliveries || []);
    const byRecipient = new Map();
    for (const d of deliveries) {
      const key = d.recipientId || "guardian";
      const seen = byRecipient.get(key);
      if (!seen || d.acknowledgedAt) byRecipient.set(key, d);
    }
    const rows = ((kase.alert && kase.alert.recipients) || []).map((r) => {
      const d = byRecipient.get(r.id || "guardian");
      const state = d ? (d.acknowledgedAt ? "Kvitterad " + when(d.acknowledgedAt) : Saknad.DELIVERY[d.status] || d.status) : "–";
      const cls = d && d.acknowledgedAt ? "badge ok" : d && ["FAILED", "UNDELIVERED"].includes(d.status) ? "badge missing" : "badge";
      return el("tr", { "data-recipient": r.id || "guardian" },
        el("td", {}, r.name), el("td", {}, Saknad.KINDS[r.kind] || r.kind), el("td", {}, el("span", { class: cls }, state)));
    });
    const body = document.getElementById("alerted");
    body.replaceChildren(...(rows.length ? rows : [el("tr", {}, el("td", { colspan: 3 }, "Inga mottagare larmade."))]));

    const a = kase.searchArea;
    if (a) {
      if (area) area.remove();
      area = L.layerGroup([
        L.circle([a.center.lat, a.center.lon], { radius: a.radiusMeters, color: "#b3261e", fillOpacity: 0.08 }),
        L.circleMarker([kase.lastSeenLocation.lat, kase.lastSeenLocation.lon], { radius: 6, color: "#12263f" }),
      ]).addTo(map);
      if (!render.fitted) {
        map.fitBounds(L.circle([a.center.lat, a.center.lon], { radius: a.radiusMeters }).addTo(map).getBounds());
        render.fitted = true;
      }
    }
    const open = kase.status === "MISSING" || kase.status === "LOCATED";
    document.getElementById("returnPanel").hidden = !(open && role !== "ADMIN");
    const debriefRoles = ["HVB_STAFF", "SOCIAL_SERVICES", "COORDINATOR"];
    document.getElementById("debrief").hidden = open || !debriefRoles.includes(role);
  }
  render();
  // Acknowledgements arrive by SMS; the page follows them while the child is missing.
  const timer = setInterval(async () => {
    if (kase.status !== "MISSING" && kase.status !== "LOCATED") return clearInterval(timer);
    try {
      kase = await get("/api/v1/cases/" + id);
      render();
    } catch (e) {
      /* next round */
    }
  }, 5000);

  const returnForm = document.getElementById("returnForm");
  returnForm.elements.returnedAt.value = Saknad.localInput();
  Saknad.onSubmit(returnForm, async (data) => {
    kase = await Saknad.post("/api/v1/cases/" + id + "/return", {
      returnedAt: Saknad.instant(data.get("returnedAt")),
      foundBy: data.get("foundBy").trim(),
      condition: data.get("condition").trim(),
      note: data.get("note").trim(),
    });
    banner.textContent = "Återkomsten är registrerad. Alla larmade har fått besked.";
    banner.hidden = false;
    render();
    await setUpDebrief();
  });

  async function setUpDebrief() {
    if (document.getElementById("debrief").hidden) return;
    const form = document.getElementById("debriefForm");
    if (form.dataset.ready) return;
    form.dataset.ready = "1";
    document.getElementById("debriefDue").textContent = "Ska hållas senast " + when(kase.debriefDueBy) + ".";
    const codes = await get("/api/v1/debriefs/codes");
    const boxes = (id, name, list) => document.getElementById(id).append(
      ...list.map((c) => el("label", {}, el("input", { type: "checkbox", name, value: c.code }), c.sv)));
    boxes("reasons", "reasons", codes.reasons);
    boxes("whereabouts", "whereabouts", codes.whereabouts);
    boxes("exploitationIndicators", "exploitationIndicators", codes.exploitationIndicators);
    document.getElementById("outcomes").append(...codes.outcomes.map((c, i) =>
      el("label", {}, el("input", { type: "radio", name: "outcome", value: c.code, checked: i === 0 }), c.sv)));
    form.elements.interviewerRole.append(...codes.interviewerRoles.map((c) => el("option", { value: c.code }, c.sv)));
    form.elements.conductedAt.value = Saknad.localInput();
    const notHeld = document.getElementById("notHeldField");
    const sync = () => (notHeld.hidden = form.elements.outcome.value !== "NOT_HELD");
    form.addEventListener("change", sync);
    sync();
    let existing = null;
    try {
      existing = await get("/api/v1/cases/" + id + "/debrief");
    } catch (e) {
      existing = null;
    }
    if (existing) {
      form.elements.outcome.value = existing.outcome;
      form.elements.notHeldReason.value = existing.notHeldReason || "";
      if (existing.conductedAt) form.elements.conductedAt.value = Saknad.localInput(new Date(existing.conductedAt));
      form.elements.interviewerRole.value = existing.interviewerRole;
      form.elements.interviewerIndependent.checked = existing.interviewerIndependent;
      form.elements.interpreterUsed.checked = existing.interpreterUsed;
      form.elements.language.value = existing.language || "";
      form.elements.reasonsText.value = existing.reasonsText;
      form.elements.childStatement.value = existing.childStatement;
      form.elements.consentToResearch.checked = existing.consentToResearch;
      for (const name of ["reasons", "whereabouts", "exploitationIndicators"]) {
        form.querySelectorAll(`input[name=${name}]`).forEach((b) => (b.checked = existing[name].includes(b.value)));
      }
      document.getElementById("debriefSubmit").textContent = "Spara rättelse (version " + (existing.version + 1) + ")";
      sync();
    }
    Saknad.onSubmit(form, async (data) => {
      const body = {
        outcome: data.get("outcome"),
        notHeldReason: data.get("notHeldReason").trim() || null,
        conductedAt: Saknad.instant(data.get("conductedAt")),
        interviewerRole: data.get("interviewerRole"),
        interviewerIndependent: data.get("interviewerIndependent") === "true",
        interpreterUsed: data.get("interpreterUsed") === "true",
        language: data.get("language").trim() || null,
        consentToResearch: data.get("consentToResearch") === "true",
        reasons: data.getAll("reasons"),
        reasonsText: data.get("reasonsText"),
        whereabouts: data.getAll("whereabouts"),
        exploitationIndicators: data.getAll("exploitationIndicators"),
        childStatement: data.get("childStatement"),
      };
      if (body.outcome === "NOT_HELD") body.conductedAt = null;
      const saved = existing
        ? await Saknad.put("/api/v1/cases/" + id + "/debrief", body)
        : await Saknad.post("/api/v1/cases/" + id + "/debrief", body);
      existing = saved;
      document.getElementById("debriefSubmit").textContent = "Spara rättelse (version " + (saved.version + 1) + ")";
      banner.textContent = "Samtalet är sparat (version " + saved.version + ").";
      banner.hidden = false;
      banner.scrollIntoView();
    });
  }
  await setUpDebrief();
})();
