"use strict";
(async () => {
  const { el, get } = Saknad;
  Saknad.page(["HVB_STAFF", "COORDINATOR"]);
  const form = document.getElementById("profile");
  const risks = document.getElementById("riskIndicators");
  for (const [code, label] of Object.entries(Saknad.RISK_INDICATORS)) {
    risks.append(el("label", {}, el("input", { type: "checkbox", name: "risk", value: code }), label));
  }
  document.getElementById("countryList").append(...Saknad.countries().map((c) => el("option", { value: c.name })));
  document.getElementById("languageList").append(...Saknad.languages().map((l) => el("option", { value: l.name })));
  const municipalities = await get("/api/v1/geo/municipalities");
  const select = document.getElementById("responsibleMunicipalityCode");
  select.append(...municipalities.map((m) => el("option", { value: m.code }, m.name)));
  const homeId = Saknad.claims().homeId;
  const id = Saknad.query("id");
  const editing = id ? await get("/api/v1/children/" + id) : null;
  if (!homeId) {
    document.getElementById("homeField").hidden = false;
    // A closed home takes no new children; a child still registered at one keeps it in the list.
    const homes = Saknad.openHomes(await get("/api/v1/homes"), editing && editing.homeId);
    document.getElementById("homeId").append(...homes.map((h) => el("option", { value: h.id }, h.name)));
  } else {
    const home = await get("/api/v1/homes/" + homeId);
    select.value = home.municipalityCode;
  }
  if (editing) {
    const c = editing;
    document.getElementById("title").textContent = "Ändra " + c.givenName + " " + c.familyName;
    for (const name of ["givenName", "familyName", "dateOfBirth", "estimatedBirthYear", "gender", "dossierNumber", "description", "responsibleMunicipalityCode"]) {
      if (c[name] != null) form.elements[name].value = c[name];
    }
    form.elements.nationality.value = c.nationality ? Saknad.country(c.nationality) : "";
    form.elements.aliases.value = c.aliases.join(", ");
    form.elements.languages.value = c.languages.map(Saknad.language).join(", ");
    if (c.guardian) {
      form.elements.guardianName.value = c.guardian.name;
      form.elements.guardianPhone.value = c.guardian.phone;
    }
    risks.querySelectorAll("input").forEach((box) => (box.checked = c.riskIndicators.includes(box.value)));
    if (!homeId) form.elements.homeId.value = c.homeId;
    // The repeat pattern: how often the child went missing lately, and a clear notice for a repeat.
    if (c.pattern) {
      const times = c.pattern.episodesLast90Days + " fall de senaste 90 dagarna";
      const pattern = document.getElementById("pattern");
      pattern.textContent = times;
      pattern.hidden = false;
      document.getElementById("repeatText").textContent = times +
        ". Ett tecken på att barnet kan utnyttjas: kalla socialtjänsten och de andra som söker till samråd.";
      document.getElementById("repeatNotice").hidden = !c.pattern.repeat;
    }
  }
  if (id) {
    // The photo: shown from memory (it needs the token), uploaded as multipart.
    document.getElementById("photoPanel").hidden = false;
    const img = document.getElementById("currentPhoto");
    const caption = document.getElementById("photoCaption");
    const showPhoto = async () => {
      const answer = await fetch("/api/v1/children/" + id + "/photo", {
        headers: { Authorization: "Bearer " + sessionStorage.getItem("saknad.token") }, cache: "no-store" });
      if (!answer.ok) return;
      if (img.src) URL.revokeObjectURL(img.src);
      img.src = URL.createObjectURL(await answer.blob());
      img.alt = "Senaste fotot";
      img.hidden = false;
      caption.textContent = "Senaste fotot.";
    };
    showPhoto();
    const photoForm = document.getElementById("photoForm");
    photoForm.elements.takenOn.max = new Date().toISOString().slice(0, 10);
    Saknad.onSubmit(photoForm, async (data) => {
      const upload = new FormData();
      upload.append("file", data.get("file"));
      if (data.get("takenOn")) upload.append("takenOn", data.get("takenOn"));
      const saved = await Saknad.api("POST", "/api/v1/children/" + id + "/photos", upload);
      photoForm.reset();
      await showPhoto();
      caption.textContent = "Senaste fotot (version " + saved.version + (saved.takenOn ? ", taget " + Saknad.date(saved.takenOn) : "") + ").";
    });
  }
  if (id) {
    // Concerns before a disappearance: recorded here, each with its own page (the SMS link).
    document.getElementById("concernPanel").hidden = false;
    const concernForm = document.getElementById("concernForm");
    concernForm.elements.observedAt.value = Saknad.localInput();
    const signs = await get("/api/v1/concerns/codes");
    document.getElementById("signs").append(...signs.map((s) =>
      el("label", {}, el("input", { type: "checkbox", name: "signs", value: s.code }), s.text)));
    const concerns = await get("/api/v1/concerns?childId=" + id);
    if (concerns.length) {
      document.getElementById("concerns").replaceChildren(...concerns.map((c) => el("li", {},
        el("a", { href: "concern.html?id=" + c.id }, Saknad.when(c.observedAt)), " · " + Saknad.CONCERN_STATUS[c.status])));
    }
    if (location.hash === "#concern") document.getElementById("concern").scrollIntoView();
    Saknad.onSubmit(concernForm, async (data) => {
      const saved = await Saknad.post("/api/v1/children/" + id + "/concerns", {
        observedAt: Saknad.instant(data.get("observedAt")),
        signs: data.getAll("signs"),
        note: data.get("note").trim(),
      });
      location.href = "concern.html?id=" + saved.id + "&new=1";
    });
  }
  const list = (v) => v.split(",").map((s) => s.trim()).filter(Boolean);
  Saknad.onSubmit(form, async (data) => {
    const guardianName = data.get("guardianName").trim();
    const guardianPhone = data.get("guardianPhone").trim();
    const profile = {
      homeId: homeId || data.get("homeId"),
      givenName: data.get("givenName").trim(),
      familyName: data.get("familyName").trim(),
      aliases: list(data.get("aliases")),
      dateOfBirth: data.get("dateOfBirth") || null,
      estimatedBirthYear: data.get("estimatedBirthYear") ? Number(data.get("estimatedBirthYear")) : null,
      gender: data.get("gender") || null,
      nationality: Saknad.countryCode(data.get("nationality")),
      languages: Saknad.languageCodes(data.get("languages")),
      dossierNumber: data.get("dossierNumber").trim() || null,
      description: data.get("description"),
      riskIndicators: data.getAll("risk"),
      guardian: guardianName || guardianPhone ? { name: guardianName, phone: guardianPhone } : null,
      responsibleMunicipalityCode: data.get("responsibleMunicipalityCode"),
    };
    try {
      const saved = id ? await Saknad.put("/api/v1/children/" + id, profile) : await Saknad.post("/api/v1/children", profile);
      location.href = "staff.html?saved=" + saved.id;
    } catch (e) {
      if (e.status === 409 && e.body.existingChildId) {
        e.body.detail = "Ett barn med samma dossiernummer finns redan registrerat.";
      }
      throw e;
    }
  });
})();
