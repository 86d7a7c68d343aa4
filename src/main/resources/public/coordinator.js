"use strict";
(async () => {
  const { el, get, when } = Saknad;
  const places = Saknad.places();
  Saknad.page(["COORDINATOR"]);
  const empty = (body, cols, text) => {
    if (!body.children.length) body.append(el("tr", {}, el("td", { colspan: cols }, text)));
  };
  // While the SMS provider does not answer: since when, how many alerts wait, and the notices to
  // the coordinators that wait with them.
  const provider = async () => {
    const box = document.getElementById("provider");
    const p = await get("/api/v1/sms/provider");
    box.replaceChildren();
    box.hidden = p.status === "UP" && !p.waitingNotices.length;
    if (p.status !== "UP") {
      const since = new Date(p.failingSince).toLocaleTimeString("sv-SE",
        { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Stockholm" });
      box.append(el("strong", {}, "Sms-leverantören svarar inte sedan " + since + " – " + p.waitingAlerts + " larm väntar"));
    }
    if (p.waitingNotices.length) {
      box.append(el("p", {}, "Meddelanden till samordnarna som väntar:"),
        el("ul", {}, ...p.waitingNotices.map((n) => el("li", {}, when(n.queuedAt) + " · " + n.text))));
    }
  };
  provider().catch(() => {});
  setInterval(() => provider().catch(() => {}), 15000);
  try {
    const map = await Saknad.map("map", { bordersQuiet: true });
    const listed = [...(await Saknad.getAll("/api/v1/cases?status=MISSING")), ...(await Saknad.getAll("/api/v1/cases?status=LOCATED"))];
    const cases = await Promise.all(listed.slice(0, 100).map((c) => get("/api/v1/cases/" + c.id)));
    const now = Date.now();
    const bounds = [];
    const caseRows = document.getElementById("cases");
    const deliveryRows = document.getElementById("deliveries");
    for (const c of cases) {
      const a = c.searchArea;
      const recipients = (c.alert && c.alert.recipients) || [];
      const circle = L.circle([a.center.lat, a.center.lon], {
        radius: a.radiusMeters, color: c.status === "MISSING" ? "#b3261e" : "#8a5a00", fillOpacity: 0.1,
      }).addTo(map);
      circle.bindPopup(() => el("div", {},
        el("strong", {}, "Ärende " + c.code), el("br"), c.child.givenName + ", " + Saknad.RISK[c.riskLevel] + " risk", el("br"),
        recipients.length + " larmade: " + recipients.map((r) => r.name).join(", "), el("br"),
        el("a", { href: "case.html?id=" + c.id }, "Öppna ärendet")));
      L.circleMarker([c.lastSeenLocation.lat, c.lastSeenLocation.lon], { radius: 6, color: "#12263f" })
        .bindTooltip("Ärende " + c.code).addTo(map);
      bounds.push(circle.getBounds());
      caseRows.append(el("tr", { "data-case": c.id },
        el("td", {}, el("a", { href: "case.html?id=" + c.id }, c.code)),
        el("td", {}, Saknad.fullName(c.child)),
        el("td", {}, el("span", { class: "badge " + (c.status === "MISSING" ? "missing" : "warn") }, Saknad.STATUS[c.status])),
        el("td", {}, when(c.lastSeenAt), c.lastSeenPlace ? " · " + c.lastSeenPlace : ""),
        el("td", {}, Saknad.RISK[c.riskLevel]),
        el("td", {}, recipients.map((r) => r.name).join(", "))));
      const names = new Map(recipients.map((r) => [r.id, r.name]));
      for (const alert of c.alerts || []) {
        for (const d of alert.deliveries || []) {
          const failed = ["FAILED", "UNDELIVERED"].includes(d.status);
          const waiting = d.recipientKind === "POLICE" && !d.acknowledgedAt && alert.msgType !== "Cancel";
          if (!failed && !waiting) continue;
          deliveryRows.append(el("tr", {},
            el("td", {}, el("a", { href: "case.html?id=" + c.id }, c.code)),
            el("td", {}, names.get(d.recipientId) || Saknad.KINDS[d.recipientKind] || d.recipientKind),
            el("td", {}, d.phone),
            el("td", {}, el("span", { class: "badge " + (failed ? "missing" : "warn") },
              (d.channel === "VOICE" ? "Samtal · " : "") +
              (failed ? Saknad.DELIVERY[d.status] + (d.errorCode ? " (" + d.errorCode + ")" : "") : "Ej kvitterad · " + Saknad.DELIVERY[d.status]))),
            el("td", { class: "num" }, d.attempts),
            el("td", {}, Saknad.duration((now - new Date(alert.createdAt).getTime()) / 60000))));
        }
      }
    }
    if (bounds.length) map.fitBounds(bounds.reduce((b, x) => b.extend(x), L.latLngBounds(bounds[0].getSouthWest(), bounds[0].getNorthEast())), { maxZoom: 11 });
    empty(caseRows, 6, "Inga öppna ärenden.");
    // What is counted: police deliveries (they must acknowledge) and deliveries that failed; the
    // others are informed and are not asked to acknowledge.
    empty(deliveryRows, 6, "Alla polisers larm är kvitterade och inget sms har misslyckats. Övriga mottagare (socialtjänst, jour, god man) informeras och behöver inte kvittera.");
    const { region, municipality } = await places;

    const referralRows = document.getElementById("referrals");
    const reasons = new Map((await get("/api/v1/referrals/codes")).reasons.map((c) => [c.code, c.sv]));
    const referrals = [...(await get("/api/v1/referrals?status=OPEN")), ...(await get("/api/v1/referrals?status=ACKNOWLEDGED"))];
    for (const r of referrals) {
      referralRows.append(el("tr", {},
        el("td", {}, el("a", { href: "referral.html?id=" + r.id }, r.caseCode)),
        el("td", {}, r.reasons.map((x) => reasons.get(x) || x).join(", ")),
        el("td", {}, region(r.policeRegion)), el("td", {}, when(r.openedAt)),
        el("td", {}, el("span", { class: "badge " + (r.status === "OPEN" ? "missing" : "warn") }, Saknad.REFERRAL_STATUS[r.status]))));
    }
    empty(referralRows, 5, "Inga remisser att hantera.");

    const overdue = document.getElementById("overdue");
    for (const o of await get("/api/v1/debriefs/overdue")) {
      overdue.append(el("tr", {},
        el("td", {}, el("a", { href: "case.html?id=" + o.caseId + "#debrief" }, o.caseCode)),
        el("td", {}, o.homeName || "–"),
        el("td", {}, o.responsibleMunicipalityName || municipality(o.responsibleMunicipalityCode)),
        el("td", {}, when(o.returnedAt)), el("td", {}, when(o.debriefDueBy)),
        el("td", { class: "num" }, o.daysOverdue === 1 ? "1 dag" : Saknad.number(o.daysOverdue) + " dagar"),
        el("td", {}, o.reminded ? "Ja" : "Nej")));
    }
    empty(overdue, 7, "Inga försenade samtal.");
    Saknad.labelCells(overdue.closest("table"));

    await showDuplicates(cases);
  } catch (e) {
    const box = document.getElementById("error");
    box.textContent = Saknad.problemText(e);
    box.hidden = false;
  }

  // Possible duplicates of the children in open cases, each with links to both records and a
  // merge into the child of the open case (POST /children/{id}/merge, coordinators only).
  async function showDuplicates(cases) {
    const duplicates = document.getElementById("duplicates");
    const status = document.getElementById("duplicatesStatus");
    const rows = [];
    for (const c of cases) {
      for (const d of await get("/api/v1/children/" + c.child.id + "/possible-duplicates")) {
        const keep = c.child.givenName + " " + c.child.familyName;
        const other = [d.givenName, d.familyName].join(" ");
        const merge = async (event) => {
          if (!confirm("Slå ihop " + other + " med " + keep + "? " + other + " blir ett alias och dess ärenden flyttas.")) return;
          event.currentTarget.disabled = true;
          try {
            await Saknad.post("/api/v1/children/" + c.child.id + "/merge", { otherId: d.id });
            status.textContent = other + " är sammanslagen med " + keep + ".";
            await showDuplicates(cases);
          } catch (e) {
            status.textContent = Saknad.problemText(e);
            event.currentTarget.disabled = false;
          }
        };
        rows.push(el("tr", { "data-duplicate": d.id },
          el("td", {}, el("a", { href: "child.html?id=" + c.child.id }, keep), " (ärende ",
            el("a", { href: "case.html?id=" + c.id }, c.code), ")"),
          el("td", {}, el("a", { href: "child.html?id=" + d.id }, other), d.aliases.length ? " – även " + d.aliases.join(", ") : ""),
          el("td", {}, d.birthYear ?? "–"), el("td", {}, d.sameDossierNumber ? "Ja" : "Nej"),
          el("td", {}, el("button", { type: "button", class: "secondary", onclick: merge,
            "aria-label": "Slå ihop " + other + " med " + keep }, "Slå ihop"))));
      }
    }
    duplicates.replaceChildren(...rows);
    empty(duplicates, 5, "Inga möjliga dubbletter bland barnen i öppna ärenden.");
  }
})();
