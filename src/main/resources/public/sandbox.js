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
      el("div", { class: "hint" }, when(m.createdAt) + " samtal till " + m.to),
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
      el("div", { class: "hint" }, when(m.createdAt) + " till " + m.to),
      el("div", { class: "sms" }, m.body),
      form);
  }

  function render() {
    // Keep what someone is typing: only new messages are added at the top.
    const shown = new Set([...list.children].map((li) => li.dataset.sid));
    const fresh = messages.filter((m) => !shown.has(m.sid));
    list.prepend(...fresh.map(item));
    if (!list.children.length) list.append(el("li", {}, "Inga sms ännu."));
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
