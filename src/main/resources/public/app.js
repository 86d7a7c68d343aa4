// Shared by every page: the token, the menu, calls to the API and how its problems are shown.
"use strict";

const Saknad = (() => {
  const TOKEN = "saknad.token";
  const START = {
    HVB_STAFF: "staff.html",
    COORDINATOR: "coordinator.html",
    RESEARCHER: "research.html",
    ADMIN: "admin.html",
    POLICE: "cases.html",
    SOCIAL_SERVICES: "cases.html",
  };
  const MENU = {
    HVB_STAFF: [["staff.html", "Barnen"], ["cases.html", "Ärenden"]],
    COORDINATOR: [["coordinator.html", "Översikt"], ["cases.html", "Ärenden"], ["research.html", "Statistik"]],
    RESEARCHER: [["research.html", "Forskning"]],
    ADMIN: [["admin.html", "Administration"]],
    POLICE: [["cases.html", "Ärenden"]],
    SOCIAL_SERVICES: [["cases.html", "Ärenden"]],
  };
  const ROLE_NAMES = {
    HVB_STAFF: "HVB-personal", COORDINATOR: "Samordnare", RESEARCHER: "Forskare", ADMIN: "Administratör",
    POLICE: "Polis", SOCIAL_SERVICES: "Socialtjänst",
  };

  function claims() {
    const token = sessionStorage.getItem(TOKEN);
    if (!token) return null;
    try {
      const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
      const json = decodeURIComponent(Array.from(atob(part), (c) => "%" + c.charCodeAt(0).toString(16).padStart(2, "0")).join(""));
      const c = JSON.parse(json);
      if (c.exp && c.exp * 1000 < Date.now()) return null;
      return c;
    } catch (e) {
      return null;
    }
  }

  function role() {
    const c = claims();
    return c && Array.isArray(c.roles) ? c.roles[0] : null;
  }

  function signIn(token) {
    sessionStorage.setItem(TOKEN, token);
  }

  function signOut(message) {
    sessionStorage.removeItem(TOKEN);
    location.href = "index.html" + (message ? "?message=" + encodeURIComponent(message) : "");
  }

  /** A failed call: the problem+json answer, or a made-up one when the service could not be reached. */
  class Problem extends Error {
    constructor(status, body) {
      super(body.title || "Fel " + status);
      this.status = status;
      this.body = body;
    }
  }

  async function api(method, path, body) {
    // Some answers are GeoJSON or CSV: ask for JSON first but take what the endpoint produces.
    const headers = { Accept: "application/json, application/geo+json;q=0.9, */*;q=0.1" };
    const token = sessionStorage.getItem(TOKEN);
    if (token) headers.Authorization = "Bearer " + token;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (e) {
      throw new Problem(0, { title: "Tjänsten svarar inte", detail: "Kontrollera nätverket och försök igen." });
    }
    if (response.status === 401 && path !== "/login") {
      signOut("Du behöver logga in igen.");
      throw new Problem(401, { title: "Inloggningen har gått ut" });
    }
    const type = response.headers.get("Content-Type") || "";
    const data = type.includes("json") ? await response.json() : await response.text();
    if (!response.ok) {
      throw new Problem(response.status, typeof data === "object" ? data : { title: "Fel " + response.status });
    }
    return data;
  }

  const get = (path) => api("GET", path);
  const post = (path, body) => api("POST", path, body);
  const put = (path, body) => api("PUT", path, body);

  /** Builds an element: el("a", {href: "x"}, "text", child). Text is never parsed as HTML. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else if (k === "class") node.className = v;
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  /** Thrown to stop a page's script on purpose (not signed in, wrong role); never an error. */
  class StopPage extends Error {}
  for (const type of ["error", "unhandledrejection"]) {
    window.addEventListener(type, (event) => {
      if ((event.error || event.reason) instanceof StopPage) event.preventDefault();
    });
  }

  /** Puts the menu in the header and stops the page when the role may not use it. */
  function page(allowed) {
    const r = role();
    if (!r) {
      location.href = "index.html?next=" + encodeURIComponent(location.pathname.split("/").pop() + location.search);
      throw new StopPage("not signed in");
    }
    const header = document.querySelector("header.top");
    const here = location.pathname.split("/").pop();
    const nav = el("nav", { "aria-label": "Meny" },
      (MENU[r] || []).map(([href, text]) => el("a", { href, "aria-current": href === here ? "page" : null }, text)));
    header.append(
      el("a", { class: "brand", href: START[r] || "index.html" }, "Saknad"), nav,
      el("span", { class: "who" }, claims().sub + " · " + (ROLE_NAMES[r] || r)),
      el("button", { type: "button", class: "link", onclick: () => signOut() }, "Logga ut"));
    if (allowed && !allowed.includes(r)) {
      const main = document.querySelector("main");
      main.replaceChildren(
        el("h1", {}, "Inte tillgänglig"),
        el("p", { class: "form-error", role: "alert" }, "Den här sidan är inte avsedd för din roll."),
        el("a", { href: START[r] }, "Till din startsida"));
      throw new StopPage("role not allowed");
    }
    return r;
  }

  /** Shows a problem on a form: each field's message beside it, the rest on top. */
  function showProblem(form, problem) {
    clearProblem(form);
    const body = problem instanceof Problem ? problem.body : { title: String(problem) };
    const box = form.querySelector(".form-error") || form.prepend(el("div", { class: "form-error" })) || form.querySelector(".form-error");
    const errors = Array.isArray(body.errors) ? body.errors : [];
    const unplaced = [];
    for (const e of errors) {
      const input = findField(form, e.field);
      if (!input) {
        unplaced.push(e);
        continue;
      }
      const id = (input.id || input.name) + "-error";
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", id);
      const message = el("div", { class: "field-error", id }, translate(e.message));
      (input.closest(".field") || input.parentElement).append(message);
    }
    box.hidden = false;
    box.setAttribute("role", "alert");
    box.replaceChildren(
      el("strong", {}, body.title || "Något gick fel"),
      body.detail ? el("div", {}, body.detail) : null,
      unplaced.map((e) => el("div", {}, e.field + ": " + translate(e.message))));
    const first = form.querySelector('[aria-invalid="true"]');
    (first || box).focus && (first || box).focus();
  }

  function findField(form, field) {
    if (!field) return null;
    const candidates = [field, field.split(".").pop(), field.split(".")[0], field.replace(/\[\d+\]/g, "")];
    for (const name of candidates) {
      const input = form.querySelector(`[data-field="${CSS.escape(name)}"], [name="${CSS.escape(name)}"]`);
      if (input) return input;
    }
    return null;
  }

  function clearProblem(form) {
    form.querySelectorAll(".field-error").forEach((n) => n.remove());
    form.querySelectorAll('[aria-invalid="true"]').forEach((n) => n.removeAttribute("aria-invalid"));
    const box = form.querySelector(".form-error");
    if (box) box.hidden = true;
  }

  // The service answers in English; the pages speak Swedish for the messages people meet most.
  const MESSAGES = [
    [/must not be (null|blank|empty)|is required|required/i, "Fältet måste fyllas i."],
    [/not in Sweden/i, "Platsen ligger inte i Sverige."],
    [/lies in the future/i, "Tiden ligger i framtiden."],
    [/before the child returned/i, "Tiden ligger före återkomsten."],
    [/before (the child was born|birth)/i, "Tiden ligger före barnets födelse."],
    [/say why/i, "Skriv varför samtalet inte hölls."],
  ];

  function translate(message) {
    const m = MESSAGES.find(([re]) => re.test(message || ""));
    return m ? m[1] + " (" + message + ")" : message || "Ogiltigt värde.";
  }

  /** Runs a form's submit with its button disabled and problems shown. */
  function onSubmit(form, action) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = form.querySelector('button[type="submit"]');
      if (button) button.disabled = true;
      clearProblem(form);
      try {
        await action(new FormData(form));
      } catch (e) {
        if (!(e instanceof Problem) || e.status !== 401) showProblem(form, e);
      } finally {
        if (button) button.disabled = false;
      }
    });
  }

  /** A map with Sweden's municipality borders from the service, and tiles only when configured. */
  async function map(elementId, options) {
    const m = L.map(elementId, Object.assign({ zoomSnap: 0.5 }, options || {})).setView([62.5, 16], 4.5);
    try {
      const settings = await get("/api/v1/geo/map-settings");
      if (settings.tileUrl) {
        L.tileLayer(settings.tileUrl, { attribution: settings.tileAttribution || "", maxZoom: 18 }).addTo(m);
      }
      const borders = await get("/api/v1/geo/municipalities.geojson");
      L.geoJSON(borders, {
        style: { color: "#6b7b8c", weight: 1, fillColor: "#ffffff", fillOpacity: settings.tileUrl ? 0 : 0.6 },
        onEachFeature: (f, layer) => layer.bindTooltip(f.properties.name, { sticky: true }),
        interactive: !(options && options.bordersQuiet),
      }).addTo(m);
    } catch (e) {
      console.warn("map background unavailable", e);
    }
    return m;
  }

  const dateTime = new Intl.DateTimeFormat("sv-SE", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Stockholm" });
  function when(iso) {
    return iso ? dateTime.format(new Date(iso)) : "–";
  }

  /** The value for a datetime-local input: now (or the given time) in the browser's zone. */
  function localInput(date) {
    const d = date || new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }

  /** A datetime-local value as an ISO instant with offset, or null. */
  function instant(value) {
    return value ? new Date(value).toISOString() : null;
  }

  const STATUS = { MISSING: "Försvunnen", LOCATED: "Lokaliserad", RETURNED: "Återkommen", CLOSED: "Avslutad" };
  const DELIVERY = {
    QUEUED: "I kö", SENDING: "Skickas", SENT: "Skickad", DELIVERED: "Levererad", FAILED: "Misslyckades",
    UNDELIVERED: "Ej levererad", ACKNOWLEDGED: "Kvitterad", WITHDRAWN: "Återkallad (barnet åter)",
  };
  const KINDS = {
    POLICE: "Polis", SOCIAL_SERVICES: "Socialtjänst", SHELTER: "Skyddat boende / jour", GUARDIAN: "God man",
    MIGRATION_AGENCY: "Migrationsverket", OTHER: "Annan",
  };
  const RISK = { HIGH: "Hög", ELEVATED: "Förhöjd", STANDARD: "Normal" };

  function query(name) {
    return new URLSearchParams(location.search).get(name);
  }

  return {
    START, claims, role, signIn, signOut, api, get, post, put, el, page, showProblem, clearProblem, onSubmit, map,
    when, localInput, instant, query, Problem, STATUS, DELIVERY, KINDS, RISK,
  };
})();
