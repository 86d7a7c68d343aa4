"use strict";
  // ?message= names one of these texts; anything else in the address is never shown.
  const MESSAGES = {
    expired: "Inloggningen har gått ut. Logga in igen; det du skrev finns kvar.",
  };
  const message = MESSAGES[Saknad.query("message")];
  if (message) {
    const box = document.getElementById("message");
    box.textContent = message;
    box.hidden = false;
  }
  const form = document.getElementById("signin");
  Saknad.onSubmit(form, async (data) => {
    const username = data.get("username").trim();
    const password = data.get("password");
    try {
      const answer = await Saknad.post("/login", { username, password });
      Saknad.signIn(answer.access_token);
    } catch (e) {
      if (e.status === 401 || e.status === 400) {
        throw new Saknad.Problem(401, { sv: "Fel användarnamn eller lösenord", svDetail: "Kontrollera stavningen och försök igen." });
      }
      if (e.status === 429) {
        throw new Saknad.Problem(429, { sv: "För många försök", svDetail: "Vänta en stund och försök igen." });
      }
      throw e;
    }
    const next = Saknad.query("next");
    // Only a page of this service: never an address elsewhere.
    location.href = next && /^[a-z]+\.html(\?[\w=&%.-]*)?$/.test(next) ? next : Saknad.START[Saknad.role()];
  });
