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
  // A link from an SMS (or any link to a page that needs a sign-in) says what it leads to. Only
  // the name of the page in ?next= chooses the text; nothing from the address is shown.
  const LINKS = {
    "case.html": ["Länken gäller ett försvunnet barn.",
      "Logga in för att se efterlysningsbladet (foto, klädsel, signalement, var barnet sågs senast) och för att kvittera larmet. " +
      "Du ser ärendet bara om det ligger inom ditt område.",
      "Inget konto? Svara OK och koden på sms:et för att kvittera, och be samordnaren om ett konto."],
    "concern.html": ["Länken gäller en orosanmälan om ett barn.",
      "Logga in för att se anmälan och göra skyddsbedömningen."],
    "referral.html": ["Länken gäller en remiss om misstänkt människohandel eller utnyttjande.",
      "Logga in för att se och kvittera remissen."],
  };
  const nextPage = (Saknad.query("next") || "").split("?")[0];
  if (Object.hasOwn(LINKS, nextPage)) {
    const [what, ...rest] = LINKS[nextPage];
    const context = document.getElementById("linkContext");
    context.replaceChildren(Saknad.el("strong", {}, what), ...rest.map((t) => Saknad.el("p", {}, t)));
    context.hidden = false;
    document.getElementById("intro").hidden = true;
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
