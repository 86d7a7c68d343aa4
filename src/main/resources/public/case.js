"use strict";
(async () => {
  const { el, get, when } = Saknad;
  const role = Saknad.page(["HVB_STAFF", "COORDINATOR", "POLICE", "SOCIAL_SERVICES", "ADMIN"]);
  const id = Saknad.query("id");
  const banner = document.getElementById("banner");
  const say = (text) => {
    banner.textContent = text;
    banner.hidden = false;
  };
  let kase;
  try {
    kase = await get("/api/v1/cases/" + encodeURIComponent(id || ""));
  } catch (e) {
    if (e.signedOut) return;
    // Out of scope or unknown: one plain sentence, nothing half drawn.
    document.title = "Ärendet kan inte visas – Saknad";
    const refusal = document.getElementById("refusal");
    refusal.hidden = false;
    refusal.replaceChildren(
      el("h1", {}, "Ärendet kan inte visas"),
      el("p", { class: "form-error", role: "alert" }, e.status === 404 || e.status === 400
        ? "Ärendet finns inte, eller så ligger det utanför det område du har behörighet till."
        : e.status === 403 ? "Din roll får inte se ärenden." : "Ärendet kunde inte hämtas. Försök igen om en stund."),
      el("a", { href: Saknad.START[role] }, "Till din startsida"));
    return;
  }
  // Only what is true of every row at any moment: the table says how far each SMS has come.
  if (Saknad.query("new")) say("Larmet är registrerat och går ut till mottagarna nedan. Status visar för var och en hur långt sms:et har kommit: i kö, skickat (lämnat till operatören), levererat (framme i telefonen) eller kvitterat.");
  else if (Saknad.query("already")) say("Barnet har redan ett öppet ärende: här är det.");
  document.getElementById("sheet").hidden = false;

  let map = null;
  let area = null;
  const details = document.getElementById("mapDetails");
  // On a wide screen the map is open; on a phone it is folded below the facts until asked for.
  if (window.matchMedia("(min-width: 52rem)").matches) details.open = true;
  details.addEventListener("toggle", () => {
    if (details.open) showMap();
  });

  let mapReady = null;
  async function showMap() {
    // The toggle event and the first render may both ask: one map, made once.
    if (!mapReady) mapReady = Saknad.map("map", { bordersQuiet: true }).then((m) => (map = m));
    await mapReady;
    map.invalidateSize();
    drawArea();
  }

  function drawArea() {
    const a = kase.searchArea;
    if (!map || !a) return;
    if (area) area.remove();
    const circle = L.circle([a.center.lat, a.center.lon], { radius: a.radiusMeters, color: "#b3261e", fillOpacity: 0.08 });
    area = L.layerGroup([
      circle,
      L.circleMarker([kase.lastSeenLocation.lat, kase.lastSeenLocation.lon], { radius: 6, color: "#12263f" }),
      ...(kase.sightings || []).map((s) => L.circleMarker([s.location.lat, s.location.lon], { radius: 5, color: "#8a5a00" })),
    ]).addTo(map);
    if (!drawArea.fitted) {
      map.fitBounds(circle.getBounds());
      drawArea.fitted = true;
    }
  }

  async function showPhoto() {
    const img = document.getElementById("photo");
    const caption = document.getElementById("photoCaption");
    if (!kase.hasPhoto) {
      img.hidden = true;
      caption.textContent = "Inget foto finns.";
      return;
    }
    if (showPhoto.shown === kase.photoTakenOn + "/" + kase.hasPhoto) return;
    showPhoto.shown = kase.photoTakenOn + "/" + kase.hasPhoto;
    try {
      // The photo needs the token, so it is fetched and shown from memory, never cached.
      const token = sessionStorage.getItem("saknad.token");
      const answer = await fetch("/api/v1/cases/" + id + "/photo", { headers: { Authorization: "Bearer " + token }, cache: "no-store" });
      if (!answer.ok) throw new Error("photo " + answer.status);
      if (img.src) URL.revokeObjectURL(img.src);
      img.src = URL.createObjectURL(await answer.blob());
      img.alt = "Foto av " + kase.child.givenName;
      img.hidden = false;
      caption.textContent = kase.photoTakenOn ? "Fotot är taget " + Saknad.date(kase.photoTakenOn) + "." : "Fotot saknar datum.";
    } catch (e) {
      caption.textContent = "Fotot kunde inte hämtas.";
    }
  }

  const text = (id, value) => (document.getElementById(id).textContent = value);

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

  // The table of those alerted is rebuilt only when something in it changed, and only the changes
  // are announced: a screen reader must not read the whole table again every five seconds.
  let shownAlerted = null;
  function showAlerted(states) {
    const signature = JSON.stringify(states);
    if (signature === shownAlerted) return;
    const before = new Map(shownAlerted ? JSON.parse(shownAlerted).map((s) => [s.key, s]) : []);
    const changes = shownAlerted == null ? [] : states
      .filter((s) => !before.has(s.key) || before.get(s.key).state !== s.state)
      .map((s) => s.name + ": " + s.state + ".");
    shownAlerted = signature;
    document.getElementById("alerted").replaceChildren(...(states.length
      ? states.map((s) => el("tr", { "data-recipient": s.key },
          el("td", {}, s.name), el("td", {}, s.kind), el("td", {}, el("span", { class: s.cls }, s.state))))
      : [el("tr", {}, el("td", { colspan: 3 }, "Inga mottagare larmade."))]));
    if (changes.length) document.getElementById("alertedChanges").textContent = changes.join(" ");
  }

  function render() {
    const c = kase.child;
    const name = c.givenName + (c.familyName ? " " + c.familyName : "");
    document.title = "Ärende " + kase.code + ": " + name + " – Saknad";
    text("title", (kase.status === "MISSING" ? "Saknad: " : "") + name + (c.age != null ? ", " + c.age + " år" : ""));
    text("code", kase.code);
    text("summary", [Saknad.genderWord(c.gender, c.age).replace(/^./, (x) => x.toUpperCase()), c.age != null ? c.age + " år" : "ålder okänd"].join(", ") + ".");
    const status = document.getElementById("status");
    status.textContent = Saknad.STATUS[kase.status];
    status.className = "badge " + (kase.status === "MISSING" ? "missing" : "ok");
    text("clothing", kase.clothing || "Inte angiven.");
    text("description", kase.description || "Ingen beskrivning.");
    text("languages", (kase.languages || []).map(Saknad.language).join(", ") || "Inte angivet.");
    const sheet = kase.sheet || {};
    text("lastSeen", when(kase.lastSeenAt) + (kase.lastSeenPlace ? ", " + kase.lastSeenPlace : "") +
      (sheet.municipalityName ? " (" + sheet.municipalityName + ")" : ""));
    text("missingFor", kase.status === "MISSING" || kase.status === "LOCATED"
      ? Saknad.duration(sheet.minutesMissing)
      : "Var borta " + Saknad.duration(sheet.minutesMissing) + ".");
    const risk = document.getElementById("risk");
    risk.replaceChildren(el("strong", {}, Saknad.RISK[kase.riskLevel]));
    if ((kase.riskIndicators || []).length) {
      risk.append(el("ul", { class: "inline" }, kase.riskIndicators.map((r) => el("li", {}, Saknad.RISK_INDICATORS[r] || r))));
    }
    document.getElementById("home").replaceChildren(
      sheet.homeName || "",
      kase.homePhone ? el("span", {}, ", tel. ", el("a", { href: "tel:" + kase.homePhone }, kase.homePhone)) : "");

    const ref = kase.policeReference;
    text("policeReference", ref
      ? ref.reference + (ref.sisAlert ? ". SIS-larm: " + (Saknad.SIS_CATEGORIES[ref.sisCategory] || ref.sisCategory) : ". Inget SIS-larm") + "."
      : "Inte angivet ännu.");
    if (kase.riskAssessment && kase.riskAssessment.reasons.length) {
      risk.append(el("div", { class: "hint" }, "Riskfrågorna ger " + Saknad.RISK[kase.riskAssessment.level].toLowerCase() +
        (kase.riskAssessment.overrideReason ? ". Lägre nivå valdes: " + kase.riskAssessment.overrideReason : "") + "."));
    }
    const repeat = document.getElementById("repeat");
    repeat.hidden = !kase.repeatMissing;
    repeat.textContent = kase.repeatMissing
      ? "Upprepat försvunnen: " + kase.episodesInWindow + " gånger på kort tid. Ett tecken på att barnet kan utnyttjas: kalla till samråd."
      : "";
    const concernLink = document.getElementById("concernLink");
    concernLink.hidden = !kase.concernId;
    if (kase.concernId) concernLink.replaceChildren(el("a", { href: "concern.html?id=" + kase.concernId }, "Orosanmälan som föregick försvinnandet"));
    const missing = sheet.yellowNoticeMissing || [];
    text("yellowNotice", missing.length
      ? "För en gul Interpol-notis saknas i profilen: " + missing.map((m) => Saknad.YELLOW_NOTICE[m] || m).join(", ") + "."
      : "Profilen har det en gul Interpol-notis behöver (namn, kön, födelseår, foto eller signalement).");
    const mayRefer = role === "COORDINATOR" || (role === "POLICE" && kase.mayAcknowledge);
    document.getElementById("policeReferencePanel").hidden = !mayRefer;

    const sightings = kase.sightings || [];
    document.getElementById("sightingsPanel").hidden = sightings.length === 0;
    document.getElementById("sightings").replaceChildren(
      ...sightings.map((s) => el("li", {}, when(s.seenAt) + (s.note ? ": " + s.note : ""))));

    const acks = kase.acknowledgements || [];
    document.getElementById("acknowledgements").replaceChildren(...(acks.length
      ? acks.map((a) => el("li", {}, a.recipientName + " (" + (Saknad.KINDS[a.kind] || a.kind) + ") kvitterade " +
          when(a.at) + " via " + (Saknad.CHANNELS[a.channel] || a.channel) + "."))
      : [el("li", {}, "Ingen har kvitterat ännu.")]));
    // Once the reader's own recipient has acknowledged, the button gives way to who and when.
    const mine = Saknad.claims() && Saknad.claims().recipientId;
    const ownAck = mine ? acks.find((a) => a.recipientId === mine) : null;
    document.getElementById("ackPanel").hidden = !kase.mayAcknowledge && !ownAck;
    document.getElementById("acknowledge").hidden = !!ownAck;
    document.getElementById("ackHint").hidden = !!ownAck;
    const done = document.getElementById("ackDone");
    done.hidden = !ownAck;
    done.textContent = ownAck ? "Kvitterat av er " + when(ownAck.at) + "." : "";

    const deliveries = (kase.alerts || []).flatMap((a) => a.deliveries || []);
    const byRecipient = new Map();
    for (const d of deliveries) {
      const key = d.recipientId || "guardian";
      const seen = byRecipient.get(key);
      if (!seen || d.acknowledgedAt) byRecipient.set(key, d);
    }
    const recipients = new Map();
    for (const r of (kase.alert && kase.alert.recipients) || []) recipients.set(r.id || "guardian", r);
    for (const [key, d] of byRecipient) {
      if (!recipients.has(key)) recipients.set(key, { id: d.recipientId, name: Saknad.KINDS[d.recipientKind] || d.recipientKind, kind: d.recipientKind });
    }
    const states = [...recipients.values()].map((r) => {
      const d = byRecipient.get(r.id || "guardian");
      const state = d ? (d.acknowledgedAt ? "Kvitterad " + when(d.acknowledgedAt) : Saknad.DELIVERY[d.status] || d.status) : "–";
      const cls = d && d.acknowledgedAt ? "badge ok" : d && ["FAILED", "UNDELIVERED"].includes(d.status) ? "badge missing" : "badge";
      return { key: r.id || "guardian", name: r.name, kind: Saknad.KINDS[r.kind] || r.kind, state, cls };
    });
    showAlerted(states);

    drawArea();
    showPhoto();
    const open = kase.status === "MISSING" || kase.status === "LOCATED";
    document.getElementById("returnPanel").hidden = !(open && role !== "ADMIN");
    // A report sent by mistake is withdrawn by the home or a coordinator while it is fresh.
    document.getElementById("withdrawPanel").hidden = !(kase.status === "MISSING" && !(kase.sightings || []).length &&
      ["HVB_STAFF", "COORDINATOR"].includes(role) && Date.now() - Date.parse(kase.reportedAt) < 24 * 3600 * 1000);
    const withdrawn = document.getElementById("withdrawn");
    withdrawn.hidden = kase.status !== "WITHDRAWN";
    withdrawn.textContent = kase.status === "WITHDRAWN"
      ? "Anmälan återkallades " + when(kase.closedAt) + (kase.withdrawalReason ? ": " + kase.withdrawalReason : ".") + " Barnet var inte försvunnet."
      : "";
    const debriefRoles = ["HVB_STAFF", "SOCIAL_SERVICES", "COORDINATOR"];
    document.getElementById("debrief").hidden = open || !debriefRoles.includes(role);
  }
  render();

  const referenceForm = document.getElementById("policeReferenceForm");
  const sisCategory = referenceForm.elements.sisCategory;
  sisCategory.append(el("option", { value: "" }, "Välj kategori"),
    ...Object.entries(Saknad.SIS_CATEGORIES).map(([code, label]) => el("option", { value: code }, label)));
  const syncSis = () => {
    const on = referenceForm.elements.sisAlert.checked;
    document.getElementById("sisCategoryField").hidden = !on;
    sisCategory.required = on;
  };
  referenceForm.elements.sisAlert.addEventListener("change", syncSis);
  if (kase.policeReference) {
    referenceForm.elements.reference.value = kase.policeReference.reference;
    referenceForm.elements.sisAlert.checked = kase.policeReference.sisAlert;
    sisCategory.value = kase.policeReference.sisCategory || "";
  }
  syncSis();
  Saknad.onSubmit(referenceForm, async (data) => {
    const on = data.get("sisAlert") === "true";
    await Saknad.put("/api/v1/cases/" + id + "/police-reference", {
      reference: data.get("reference").trim(),
      sisAlert: on,
      sisCategory: on ? data.get("sisCategory") || null : null,
    });
    kase = await get("/api/v1/cases/" + id);
    say("Polisens ärendenummer är sparat.");
    render();
  });

  document.getElementById("print").addEventListener("click", () => window.print());
  // The search sheet as one A4 page of PDF (PDF/UA) to print or forward: fetched with the token,
  // opened from memory, never cached.
  document.getElementById("printPdf").addEventListener("click", async (event) => {
    const button = event.currentTarget;
    const status = document.getElementById("printPdfStatus");
    button.disabled = true;
    status.textContent = "Sökbladet skapas …";
    const opened = window.open("", "_blank");
    try {
      const token = sessionStorage.getItem("saknad.token");
      const answer = await fetch("/api/v1/cases/" + id + "/search-sheet.pdf", { headers: { Authorization: "Bearer " + token }, cache: "no-store" });
      if (!answer.ok) throw new Error("search sheet " + answer.status);
      const url = URL.createObjectURL(await answer.blob());
      if (opened) {
        opened.location.href = url;
      } else {
        const link = document.createElement("a");
        link.href = url;
        link.download = "sokblad-" + (kase ? kase.code : "") + ".pdf";
        link.click();
      }
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      status.textContent = "Sökbladet är öppnat som PDF.";
    } catch (e) {
      if (opened) opened.close();
      status.textContent = "Sökbladet kunde inte skapas. Försök igen.";
    } finally {
      button.disabled = false;
    }
  });
  document.getElementById("acknowledge").addEventListener("click", async (event) => {
    const button = event.currentTarget;
    button.disabled = true;
    try {
      const answer = await Saknad.post("/api/v1/cases/" + id + "/acknowledgement");
      say(answer.outcome === "ALREADY_ACKNOWLEDGED"
        ? "Larmet var redan kvitterat av er. Tack."
        : "Tack, larmet i ärende " + answer.code + " är kvitterat.");
      kase = await get("/api/v1/cases/" + id);
      render();
    } catch (e) {
      if (!e.signedOut) say(Saknad.problemText(e));
    } finally {
      button.disabled = false;
    }
  });

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
    await Saknad.post("/api/v1/cases/" + id + "/return", {
      returnedAt: Saknad.instant(data.get("returnedAt")),
      foundBy: data.get("foundBy").trim(),
      condition: data.get("condition").trim(),
      note: data.get("note").trim(),
    });
    // The whole case again, so that the alerted recipients stay in the table.
    kase = await get("/api/v1/cases/" + id);
    say("Återkomsten är registrerad. Alla larmade har fått besked.");
    render();
    await setUpDebrief();
  });

  const withdrawForm = document.getElementById("withdrawForm");
  Saknad.onSubmit(withdrawForm, async (data) => {
    await Saknad.post("/api/v1/cases/" + id + "/withdrawal", { reason: data.get("reason").trim() });
    kase = await get("/api/v1/cases/" + id);
    say("Anmälan är återkallad. Alla som fått larmet får ett sms om att ingen åtgärd behövs.");
    render();
  });

  async function setUpDebrief() {
    if (document.getElementById("debrief").hidden) return;
    const form = document.getElementById("debriefForm");
    if (form.dataset.ready) return;
    form.dataset.ready = "1";
    document.getElementById("debriefDue").replaceChildren(
      "Ska hållas senast " + when(kase.debriefDueBy) + ". ", Saknad.deadline(kase.debriefDueBy));
    const codes = await get("/api/v1/debriefs/codes");
    const boxes = (id, name, list) => document.getElementById(id).append(
      ...list.map((c) => el("label", {}, el("input", { type: "checkbox", name, value: c.code }), c.sv)));
    boxes("reasons", "reasons", codes.reasons);
    boxes("whereabouts", "whereabouts", codes.whereabouts);
    boxes("exploitationIndicators", "exploitationIndicators", codes.exploitationIndicators);
    // Nothing is chosen for the person filling in: an untouched form must not become an interview
    // held (the service refuses a held interview without a reason as well).
    document.getElementById("outcomes").append(...codes.outcomes.map((c) =>
      el("label", {}, el("input", { type: "radio", name: "outcome", value: c.code, required: true }), c.sv)));
    form.elements.interviewerRole.append(
      el("option", { value: "" }, "Välj samtalsledare"),
      ...codes.interviewerRoles.map((c) => el("option", { value: c.code }, c.sv)));
    form.elements.interviewerRole.required = true;
    const notHeld = document.getElementById("notHeldField");
    const independent = form.elements.interviewerIndependent;
    const sync = () => {
      const outcome = form.elements.outcome.value;
      notHeld.hidden = outcome !== "NOT_HELD";
      form.elements.notHeldReason.required = outcome === "NOT_HELD";
      form.elements.conductedAt.required = outcome === "HELD" || outcome === "DECLINED";
      // "Oberoende samtalsledare" already says it: the box follows and cannot contradict it.
      const byRole = form.elements.interviewerRole.value === "INDEPENDENT_INTERVIEWER";
      if (byRole) independent.checked = true;
      independent.disabled = byRole;
    };
    form.addEventListener("change", sync);
    // "Inga tecken" and a sign exclude each other.
    document.getElementById("exploitationIndicators").addEventListener("change", (event) => {
      const box = event.target;
      if (!box.checked) return;
      form.querySelectorAll("input[name=exploitationIndicators]").forEach((b) => {
        if (b !== box && (box.value === "NONE_OBSERVED" || b.value === "NONE_OBSERVED")) b.checked = false;
      });
    });
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
        outcome: data.get("outcome") || null,
        notHeldReason: data.get("notHeldReason").trim() || null,
        conductedAt: Saknad.instant(data.get("conductedAt")),
        interviewerRole: data.get("interviewerRole") || null,
        interviewerIndependent: independent.checked,
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
