"use strict";
(() => {
  Saknad.page();
  const form = document.getElementById("passwordForm");
  const done = document.getElementById("done");
  Saknad.onSubmit(form, async (data) => {
    const currentPassword = data.get("currentPassword");
    const newPassword = data.get("newPassword");
    if (newPassword !== data.get("repeatPassword")) {
      throw new Saknad.Problem(422, {
        sv: "Lösenorden är olika",
        svDetail: "Skriv samma nya lösenord två gånger.",
        errors: [{ field: "repeatPassword", message: "Skriv samma lösenord som ovan." }],
      });
    }
    try {
      await Saknad.put("/api/v1/users/me/password", { currentPassword, newPassword });
    } catch (e) {
      if (e.status === 422 || e.status === 400) {
        const field = ((e.body && e.body.errors) || [{}])[0].field;
        throw new Saknad.Problem(e.status, field === "currentPassword"
          ? { sv: "Fel nuvarande lösenord", svDetail: "Kontrollera det nuvarande lösenordet.", errors: [{ field, message: "Fel lösenord." }] }
          : { sv: "Lösenordet godtogs inte", svDetail: "12–72 tecken och inte ett vanligt lösenord.", errors: [{ field: "newPassword", message: "Välj ett längre, eget lösenord." }] });
      }
      throw e;
    }
    // Every earlier sign-in ended with the old password; this page signs in again with the new one.
    const answer = await Saknad.post("/login", { username: Saknad.claims().sub, password: newPassword });
    Saknad.signIn(answer.access_token);
    form.reset();
    done.textContent = "Lösenordet är bytt.";
    done.hidden = false;
  });
})();
