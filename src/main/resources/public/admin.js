"use strict";
(async () => {
  const { el, get, post } = Saknad;
  Saknad.page(["ADMIN", "COORDINATOR"]);
  const role = Saknad.role();
  const banner = document.getElementById("banner");
  const say = (text) => { banner.textContent = text; banner.hidden = false; };
  // A banner tells of the last save only: any new attempt takes the old one away first.
  document.querySelectorAll("form").forEach((f) => f.addEventListener("submit", () => (banner.hidden = true), true));
  const places = await Saknad.places();
  const { list: municipalities, areas } = places;
  const options = (select, list, blank) => select.append(...(blank ? [el("option", { value: "" }, blank)] : []),
    ...list.map((a) => el("option", { value: a.code }, a.name)));

  // ---- users (ADMIN only) ----
  const userForm = document.getElementById("userForm");
  let homes = [];
  async function loadHomes() {
    homes = await get("/api/v1/homes");
    document.getElementById("homes").replaceChildren(...homes.map((h) =>
      el("tr", {}, el("td", {}, h.name, h.closedOn ? el("span", { class: "hint" }, " (stängt " + Saknad.date(h.closedOn) + ")") : ""),
        el("td", {}, h.address), el("td", {}, h.municipalityName))));
    const select = document.getElementById("userHome");
    select.replaceChildren(...Saknad.openHomes(homes).map((h) => el("option", { value: h.id }, h.name)));
  }
  await loadHomes();
  if (role === "ADMIN") {
    options(document.getElementById("userMunicipality"), municipalities);
    options(document.getElementById("userRegion"), areas.policeRegions);
    // The recipient a police or social services account acknowledges for on the web (the service
    // checks that it fits the role and area).
    const recipients = await get("/api/v1/recipients");
    const recipientKinds = { POLICE: ["POLICE"], SOCIAL_SERVICES: ["SOCIAL_SERVICES", "TRAFFICKING_COORDINATOR"] };
    const recipientSelect = document.getElementById("userRecipient");
    const recipientOptions = () => recipientSelect.replaceChildren(el("option", { value: "" }, "Ingen"),
      ...recipients.filter((r) => (recipientKinds[userForm.elements.role.value] || []).includes(r.kind))
        .map((r) => el("option", { value: r.id }, r.name)));
    const sync = () => {
      userForm.querySelectorAll("[data-for]").forEach((f) => (f.hidden = !f.dataset.for.split(" ").includes(userForm.elements.role.value)));
      recipientOptions();
    };
    userForm.elements.role.addEventListener("change", sync);
    sync();
    const me = Saknad.claims().sub;
    // Disabling and a new password end the user's sign-ins at once (the service refuses old tokens).
    const toggle = async (u) => {
      await Saknad.patch("/api/v1/users/" + u.id, { enabled: !u.enabled });
      await loadUsers();
    };
    const reset = async (u) => {
      const password = prompt("Nytt lösenord för " + u.username + " (12–72 tecken, inte ett vanligt lösenord):");
      if (!password) return;
      try {
        await Saknad.patch("/api/v1/users/" + u.id, { password });
        alert("Lösenordet är bytt. " + u.username + " måste logga in på nytt.");
      } catch (e) {
        alert(e.status === 400 || e.status === 422 ? "Lösenordet godtogs inte: 12–72 tecken och inte ett vanligt lösenord." : "Det gick inte att byta lösenordet.");
      }
    };
    const loadUsers = async () => document.getElementById("users").replaceChildren(...(await get("/api/v1/users")).map((u) =>
      el("tr", { "data-user": u.username }, el("td", {}, u.username), el("td", {}, Saknad.ROLES[u.role] || u.role),
        el("td", {}, u.homeId ? (homes.find((h) => h.id === u.homeId) || {}).name || ""
          : u.municipalityCode ? places.municipality(u.municipalityCode) : u.policeRegion ? places.region(u.policeRegion) : "",
          u.recipientId ? el("span", { class: "hint" }, " · " + ((recipients.find((r) => r.id === u.recipientId) || {}).name || "")) : ""),
        el("td", {}, u.enabled ? "Aktiv" : "Spärrad"),
        el("td", {},
          u.username === me ? "" : el("button", { type: "button", class: "link", "data-action": "toggle", onclick: () => toggle(u) }, u.enabled ? "Spärra" : "Aktivera"),
          " ",
          el("button", { type: "button", class: "link", "data-action": "reset", onclick: () => reset(u) }, "Nytt lösenord")))));
    await loadUsers();
    Saknad.onSubmit(userForm, async (data) => {
      const r = data.get("role");
      await post("/api/v1/users", {
        username: data.get("username").trim(), password: data.get("password"), role: r,
        homeId: r === "HVB_STAFF" ? data.get("homeId") : null,
        municipalityCode: r === "SOCIAL_SERVICES" ? data.get("municipalityCode") : null,
        policeRegion: r === "POLICE" ? data.get("policeRegion") : null,
        recipientId: (r === "POLICE" || r === "SOCIAL_SERVICES") && data.get("recipientId") ? data.get("recipientId") : null,
      });
      userForm.reset();
      sync();
      say("Användaren är skapad.");
      await loadUsers();
    });
  } else {
    userForm.hidden = true;
    document.getElementById("users").closest(".grid2").hidden = true;
    document.getElementById("users-heading").hidden = true;
  }

  // ---- homes ----
  const homeForm = document.getElementById("homeForm");
  const homeMap = await Saknad.map("homeMap", { bordersQuiet: true });
  let homePoint = null;
  let homeMarker = null;
  const placeHome = (latlng) => {
    homePoint = { lat: Math.round(latlng.lat * 1e6) / 1e6, lon: Math.round(latlng.lng * 1e6) / 1e6 };
    if (homeMarker) homeMarker.setLatLng(latlng);
    else homeMarker = L.circleMarker(latlng, { radius: 8 }).addTo(homeMap);
  };
  homeMap.on("click", (e) => placeHome(e.latlng));
  homeMap.getContainer().addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      placeHome(homeMap.getCenter());
    }
  });
  Saknad.onSubmit(homeForm, async (data) => {
    await post("/api/v1/homes", { name: data.get("name").trim(), address: data.get("address").trim(), location: homePoint });
    homeForm.reset();
    say("Hemmet är sparat.");
    await loadHomes();
  });

  // ---- recipients ----
  const form = document.getElementById("recipientForm");
  const municipalityPicker = Saknad.picker(document.getElementById("municipalityPicker"),
    { name: "municipalityCodes", label: "Kommuner", choices: municipalities });
  const countyPicker = Saknad.picker(document.getElementById("countyPicker"),
    { name: "countyCodes", label: "Län", choices: areas.counties });
  options(form.elements.policeRegion, areas.policeRegions);
  const drawMap = await Saknad.map("drawMap", { bordersQuiet: true });
  let corners = [];
  let shape = null;
  drawMap.on("click", (e) => {
    corners.push([e.latlng.lng, e.latlng.lat]);
    if (shape) shape.remove();
    shape = L.polygon(corners.map(([x, y]) => [y, x]), { color: "#0b5cad" }).addTo(drawMap);
  });
  document.getElementById("clearDrawing").addEventListener("click", () => { corners = []; if (shape) shape.remove(); shape = null; });
  const syncMode = () => {
    form.querySelectorAll("[data-mode]").forEach((f) => (f.hidden = f.dataset.mode !== form.elements.mode.value));
    if (form.elements.mode.value === "drawn") setTimeout(() => drawMap.invalidateSize(), 0);
  };
  form.querySelectorAll("input[name=mode]").forEach((r) => r.addEventListener("change", syncMode));

  const describe = (c) => c.municipalityCodes ? c.municipalityCodes.map(places.municipality).join(", ")
    : c.countyCodes ? c.countyCodes.map(places.county).join(", ")
    : c.policeRegion ? places.region(c.policeRegion)
    : c.center ? "Cirkel " + Math.round(c.radiusMeters / 1000) + " km" : "Ritat område";
  async function loadRecipients() {
    const list = await get("/api/v1/recipients");
    document.getElementById("recipients").replaceChildren(...list.map((r) => el("tr", {},
      el("td", {}, r.name), el("td", {}, Saknad.KINDS[r.kind] || r.kind), el("td", {}, describe(r.coverage)),
      el("td", {}, r.contacts.map((c) => c.name + " " + c.phone + (c.optedOut ? " (har svarat STOP)" : "")).join("; ")),
      el("td", {}, el("button", { type: "button", class: "secondary", "aria-label": "Ta bort " + r.name, onclick: async () => {
        if (!confirm("Ta bort " + r.name + "? Den larmas inte längre.")) return;
        await Saknad.api("DELETE", "/api/v1/recipients/" + r.id);
        await loadRecipients();
      } }, "Ta bort")))));
  }
  await loadRecipients();
  Saknad.onSubmit(form, async (data) => {
    const mode = data.get("mode");
    const coverage = mode === "municipalities" ? { municipalityCodes: data.getAll("municipalityCodes") }
      : mode === "counties" ? { countyCodes: data.getAll("countyCodes") }
      : mode === "region" ? { policeRegion: data.get("policeRegion") }
      : { geojson: { type: "Polygon", coordinates: [[...corners, corners[0]].filter(Boolean)] } };
    const recipient = {
      name: data.get("name").trim(), kind: data.get("kind"), coverage,
      contacts: [{ name: data.get("contactName").trim(), phone: data.get("contactPhone").trim() }],
      acknowledgementRequired: data.get("acknowledgementRequired") === "true",
      escalateAfterMinutes: Number(data.get("escalateAfterMinutes")),
    };
    // Empty: the kind's default (police are called); 0: never called.
    const voice = (data.get("voiceAfterMinutes") || "").trim();
    if (voice !== "") recipient.voiceAfterMinutes = Number(voice) === 0 ? null : Number(voice);
    await post("/api/v1/recipients", recipient);
    form.reset();
    municipalityPicker.clear();
    countyPicker.clear();
    syncMode();
    corners = [];
    if (shape) shape.remove();
    say("Mottagaren är sparad.");
    await loadRecipients();
  });
})();
