"use strict";
  const message = Saknad.query("message");
  if (message) {
    const box = document.getElementById("message");
    box.textContent = message;
    box.hidden = false;
  }
  const form = document.getElementById("signin");
  Saknad.onSubmit(form, async (data) => {
    const username = data.get("username").trim();
    const password = data.get("password");
    if (!username || !password) {
      throw new Saknad.Problem(422, {
        title: "Fyll i användarnamn och lösenord",
        errors: [!username && { field: "username", message: "Fältet måste fyllas i." },
                 !password && { field: "password", message: "Fältet måste fyllas i." }].filter(Boolean),
      });
    }
    try {
      const answer = await Saknad.post("/login", { username, password });
      Saknad.signIn(answer.access_token);
    } catch (e) {
      if (e.status === 401) throw new Saknad.Problem(401, { title: "Fel användarnamn eller lösenord" });
      if (e.status === 429) throw new Saknad.Problem(429, { title: "För många försök", detail: "Vänta en stund och försök igen." });
      throw e;
    }
    const next = Saknad.query("next");
    location.href = next && /^[a-z]+\.html(\?[\w=&%-]*)?$/.test(next) ? next : Saknad.START[Saknad.role()];
  });
