"use strict";
(async () => {
  const { el, get } = Saknad;
  Saknad.page(["HVB_STAFF", "COORDINATOR"]);
  const childId = Saknad.query("child");
  const form = document.getElementById("report");
  form.elements.lastSeenAt.value = Saknad.localInput();
  const child = await get("/api/v1/children/" + childId);
  document.getElementById("title").textContent = "Anmäl " + child.givenName + " " + child.familyName + " försvunnen";
  // A prefilled risk grade from the profile; staff change it when they know more.
  const grave = ["SUSPECTED_TRAFFICKING", "SUSPECTED_EXPLOITATION", "SELF_HARM", "CONTACT_WITH_UNKNOWN_ADULTS", "MEDICAL_NEEDS", "PREGNANCY"];
  form.elements.riskLevel.value = child.riskIndicators.some((r) => grave.includes(r)) || (child.age != null && child.age < 13)
    ? "HIGH" : child.riskIndicators.length ? "ELEVATED" : "STANDARD";

  // The risk questions, folded: most reports need none, a yes raises the grade it names.
  const order = ["HIGH", "ELEVATED", "STANDARD"];
  const questions = await get("/api/v1/cases/risk-questions");
  const answers = document.getElementById("riskAnswers");
  answers.append(...questions.map((q) =>
    el("label", {}, el("input", { type: "checkbox", name: "riskAnswer", value: q.code, "data-raises": q.raises }), q.text)));
  const overrideField = document.getElementById("overrideField");
  const answersLevel = () => [...answers.querySelectorAll("input:checked")]
    .map((b) => b.dataset.raises).sort((a, b) => order.indexOf(a) - order.indexOf(b))[0] || "STANDARD";
  const syncRisk = (raise) => {
    const given = answersLevel();
    const ticked = answers.querySelectorAll("input:checked").length;
    document.getElementById("riskAnswered").textContent = ticked ? "(" + ticked + " ja, ger " + Saknad.RISK[given].toLowerCase() + ")" : "";
    if (raise && order.indexOf(form.elements.riskLevel.value) > order.indexOf(given)) form.elements.riskLevel.value = given;
    const below = order.indexOf(form.elements.riskLevel.value) > order.indexOf(given);
    overrideField.hidden = !below;
    form.elements.riskOverrideReason.required = below;
  };
  answers.addEventListener("change", () => syncRisk(true));
  form.elements.riskLevel.addEventListener("change", () => syncRisk(false));

  let point = null;
  let marker = null;
  const details = document.getElementById("placeDetails");
  // The form comes first; on a wide screen the map is open below it, on a phone it is folded.
  if (window.matchMedia("(min-width: 52rem)").matches) details.open = true;
  const map = await Saknad.map("map", { bordersQuiet: true });
  details.addEventListener("toggle", () => {
    if (!details.open) return;
    map.invalidateSize();
    if (point) map.setView([point.lat, point.lon], Math.max(map.getZoom(), 12));
  });
  const placeNow = document.getElementById("place-now");
  function place(lat, lon, zoom, label) {
    point = { lat: Math.round(lat * 1e6) / 1e6, lon: Math.round(lon * 1e6) / 1e6 };
    if (marker) marker.setLatLng([lat, lon]);
    else marker = L.circleMarker([lat, lon], { radius: 9, color: "#b3261e", fillOpacity: 0.8 }).addTo(map);
    if (zoom) map.setView([lat, lon], zoom);
    placeNow.textContent = "Punkten på kartan: " + (label || Saknad.number(point.lat) + ", " + Saknad.number(point.lon)) + ".";
  }
  map.on("click", (e) => place(e.latlng.lat, e.latlng.lng));
  // Keyboard: arrows pan, +/- zoom (Leaflet), Enter puts the place at the centre of the map.
  map.getContainer().addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      const c = map.getCenter();
      place(c.lat, c.lng);
    }
  });
  try {
    const home = await get("/api/v1/homes/" + child.homeId);
    place(home.location.lat, home.location.lon, 12, "hemmet, " + home.address);
    form.elements.lastSeenPlace.placeholder = "t.ex. " + home.address;
  } catch (e) {
    // the map stays on Sweden; staff click the place
  }
  document.getElementById("here").addEventListener("click", () => {
    if (!navigator.geolocation) return;
    navigator.geolocation.getCurrentPosition(
      (p) => place(p.coords.latitude, p.coords.longitude, 14, "din position"),
      () => Saknad.showProblem(form, new Saknad.Problem(0, { title: "Positionen kunde inte hämtas", detail: "Klicka på kartan i stället." })),
      { enableHighAccuracy: true, timeout: 10000 });
  });

  Saknad.onSubmit(form, async (data) => {
    const report = {
      lastSeenAt: Saknad.instant(data.get("lastSeenAt")),
      lastSeenLocation: point,
      lastSeenPlace: data.get("lastSeenPlace").trim(),
      clothing: data.get("clothing").trim(),
      riskLevel: data.get("riskLevel"),
    };
    const yes = data.getAll("riskAnswer");
    if (yes.length) {
      report.riskAnswers = Object.fromEntries(yes.map((code) => [code, true]));
      if (!overrideField.hidden) report.riskOverrideReason = data.get("riskOverrideReason").trim();
    }
    try {
      const kase = await Saknad.post("/api/v1/children/" + childId + "/disappearances", report);
      location.href = "case.html?id=" + kase.id + "&new=1";
    } catch (e) {
      if (e.status === 409 && e.body.openCaseId) {
        location.href = "case.html?id=" + e.body.openCaseId + "&already=1";
        return;
      }
      throw e;
    }
  });
})();
