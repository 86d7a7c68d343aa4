"use strict";
(async () => {
  const { el, get, when } = Saknad;
  Saknad.page(["ADMIN", "COORDINATOR"]);
  let messages;
  try {
    messages = await get("/api/v1/sms/sandbox");
  } catch (e) {
    if (e.signedOut) return;
    const off = document.getElementById("off");
    off.hidden = false;
    off.replaceChildren(el("p", { class: "form-error", role: "alert" },
      "Sandlådan är avstängd: den finns bara i den inbyggda standardinstallationen, när inga Twilio-uppgifter är satta."));
    return;
  }
  document.getElementById("messagesPanel").hidden = false;
  const list = document.getElementById("messages");
  const answered = new Map();

  // Whom a message was for: the recipient's name and kind and the contact, not only a number.
  function addressee(m, prefix) {
    const kind = m.recipientKind ? Saknad.KINDS[m.recipientKind] || m.recipientKind : null;
    const who = m.recipientName
      ? m.recipientName + (kind ? " (" + kind + ")" : "")
      : m.recipientKind === "GUARDIAN" ? "Barnets gode man"
        : m.recipientKind ? kind + " (nummer ur inställningarna)" : "Okänd mottagare";
    return when(m.createdAt) + " " + prefix + who + (m.contactName ? ", " + m.contactName : "") + ", " + m.to;
  }

  // Messages are grouped by the case they are about, newest case first.
  const groups = new Map();
  function groupOf(m) {
    const key = m.caseId || "none";
    if (groups.has(key)) return groups.get(key);
    const items = el("ul", { class: "messages" });
    const heading = m.caseId
      ? el("h3", {}, "Ärende ", el("a", { href: "case.html?id=" + encodeURIComponent(m.caseId) }, m.caseCode || "utan kod"))
      : el("h3", {}, "Inte om ett ärende (orosanmälningar, meddelanden till samordnarna)");
    const group = el("li", { class: "case-group", "data-case": key }, heading, items);
    groups.set(key, items);
    list.prepend(group);
    return items;
  }

  function call(m) {
    const notice = el("p", { class: "notice", role: "status", hidden: !answered.has(m.sid) }, answered.get(m.sid) || "");
    const error = el("div", { class: "form-error", role: "alert", hidden: true });
    const buttons = [["PRESS_1", "Svara och tryck 1"], ["NO_ANSWER", "Svarar inte"]].map(([action, label]) => {
      const button = el("button", { type: "button" }, label);
      button.addEventListener("click", async () => {
        error.hidden = true;
        try {
          const answer = await Saknad.post("/api/v1/sms/sandbox/calls/" + encodeURIComponent(m.sid), { action });
          const text = action === "PRESS_1"
            ? "Samtalet sade: " + (answer.said || "(inget)")
            : "Rapporterat som obesvarat.";
          answered.set(m.sid, text);
          notice.textContent = text;
          notice.hidden = false;
        } catch (e) {
          if (e.signedOut) return;
          error.textContent = "Det gick inte att svara på samtalet.";
          error.hidden = false;
        }
      });
      return button;
    });
    return el("li", { "data-sid": m.sid },
      el("div", { class: "hint", "data-to": m.sid }, addressee(m, "samtal till ")),
      el("div", { class: "sms" }, m.body),
      error,
      el("div", { class: "actions" }, ...buttons),
      notice);
  }

  function item(m) {
    if (m.channel === "VOICE") return call(m);
    const code = (m.body.match(/^SAKNAD (\d{4,5})/) || [])[1];
    const formId = "reply-" + m.sid;
    const form = el("form", { id: formId, class: "reply", novalidate: true },
      el("div", { class: "form-error", hidden: true }),
      el("div", { class: "field" },
        el("label", { for: formId + "-body" }, "Svara som " + m.to),
        el("input", { id: formId + "-body", name: "body", type: "text", required: true, value: code ? "OK " + code : "" })),
      el("button", { type: "submit" }, "Skicka svar"),
      el("p", { class: "notice", role: "status", hidden: !answered.has(m.sid) }, answered.get(m.sid) || ""));
    Saknad.onSubmit(form, async (data) => {
      const answer = await Saknad.post("/api/v1/sms/sandbox/replies", { from: m.to, body: data.get("body").trim() });
      const text = "Svar till telefonen: " + (answer.reply || "(inget svar)");
      answered.set(m.sid, text);
      const notice = form.querySelector(".notice");
      notice.textContent = text;
      notice.hidden = false;
    });
    return el("li", { "data-sid": m.sid },
      el("div", { class: "hint", "data-to": m.sid }, addressee(m, "till ")),
      el("div", { class: "sms" }, m.body),
      form);
  }

  function render() {
    // Keep what someone is typing: only new messages are added, at the top of their case.
    const shown = new Set([...list.querySelectorAll("li[data-sid]")].map((li) => li.dataset.sid));
    const fresh = messages.filter((m) => !shown.has(m.sid));
    list.querySelector(".empty")?.remove();
    for (const m of [...fresh].reverse()) groupOf(m).prepend(item(m));
    // A message shown before its delivery named the recipient says whom it was for once it does.
    for (const m of messages) {
      const to = list.querySelector(`[data-to="${CSS.escape(m.sid)}"]`);
      if (to && m.recipientKind) to.textContent = addressee(m, m.channel === "VOICE" ? "samtal till " : "till ");
    }
    if (!list.children.length) list.append(el("li", { class: "empty" }, "Inga sms ännu."));
  }
  render();
  setInterval(async () => {
    try {
      messages = await get("/api/v1/sms/sandbox");
      render();
    } catch (e) {
      /* next round */
    }
  }, 5000);
})();
