"use strict";
// The research page's report panel: the period, the Kaplan-Meier curves, "Rapport", and quotes.
(async () => {
  const { el, get, api } = Saknad;
  const role = Saknad.role();
  if (!["RESEARCHER", "COORDINATOR"].includes(role)) return;
  const form = document.getElementById("reportForm");
  const today = new Date();
  const iso = (d) => d.toISOString().slice(0, 10);
  form.elements.from.value = iso(new Date(today.getFullYear() - 1, today.getMonth(), today.getDate() + 1));
  form.elements.to.value = iso(today);
  const period = () => "from=" + form.elements.from.value + "&to=" + form.elements.to.value;
  const width = () => "&width=" + form.elements.width.value;
  const COLOURS = ["#12263f", "#b3261e", "#0b5cad", "#1e7b34", "#8a5a00"];
  const hours = (h) => (h == null ? "ej nådd" : h < 48 ? Math.round(h) + " timmar" : Saknad.number(h / 24) + " dygn");
  let chart = null;

  async function curves() {
    const groups = await get("/api/v1/research/survival?" + period() + width());
    const datasets = groups.map((g, i) => ({
      label: g.label,
      data: [{ x: 0, y: 100 }, ...g.curve.steps.map((s) => ({ x: s.hours / 24, y: Math.round(s.stillMissing * 1000) / 10 }))],
      stepped: "before", borderColor: COLOURS[i % COLOURS.length], backgroundColor: COLOURS[i % COLOURS.length],
      pointRadius: 0, borderWidth: i === 0 ? 2.5 : 1.5,
    }));
    if (chart) chart.destroy();
    chart = new Chart(document.getElementById("survival"), {
      type: "line", data: { datasets },
      options: { maintainAspectRatio: false, parsing: true,
        scales: { x: { type: "linear", title: { display: true, text: "Dagar sedan barnet senast sågs" }, max: 30 },
          y: { min: 0, max: 100, title: { display: true, text: "% saknas fortfarande" } } } },
    });
    document.getElementById("survivalTable").replaceChildren(...(groups.length ? groups.map((g) => el("tr", {},
      el("td", {}, g.label), el("td", {}, g.publishedCases), el("td", {}, hours(g.curve.medianHours)),
      el("td", {}, hours(g.curve.medianLowerHours) + " – " + hours(g.curve.medianUpperHours))))
      : [el("tr", {}, el("td", { colspan: 4 }, "För få ärenden under perioden för en kurva."))]));
  }

  async function download(type, name) {
    const response = await fetch("/api/v1/research/report?" + period(), {
      headers: { Authorization: "Bearer " + sessionStorage.getItem("saknad.token"), Accept: type },
    });
    if (!response.ok) throw new Saknad.Problem(response.status, await response.json().catch(() => ({})));
    const url = URL.createObjectURL(await response.blob());
    const a = el("a", { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  Saknad.onSubmit(form, async () => {
    await curves();
    await download("application/pdf", "saknad-rapport-" + form.elements.from.value + "-" + form.elements.to.value + ".pdf");
  });
  document.getElementById("reportHtml").addEventListener("click", async () => {
    try {
      await download("text/html", "saknad-rapport-" + form.elements.from.value + "-" + form.elements.to.value + ".html");
    } catch (e) {
      Saknad.showProblem(form, e);
    }
  });
  form.elements.width.addEventListener("change", async () => {
    try {
      await curves();
    } catch (e) {
      Saknad.showProblem(form, e);
    }
  });
  try {
    await curves();
  } catch (e) {
    Saknad.showProblem(form, e);
  }

  if (role !== "RESEARCHER") return;
  const panel = document.getElementById("quotesPanel");
  panel.hidden = false;
  async function quotes() {
    const all = await get("/api/v1/research/quotes");
    document.getElementById("quotes").replaceChildren(...(all.length ? all.map((q) => el("tr", {},
      el("td", {}, q.statement), el("td", {}, q.language ? Saknad.language(q.language) : "–"),
      el("td", {}, q.approved ? el("span", { class: "badge ok" }, "Godkänt " + Saknad.when(q.approvedAt)) : "Nej"),
      el("td", {}, el("button", { type: "button", class: q.approved ? "secondary" : "",
        onclick: async () => {
          await api(q.approved ? "DELETE" : "POST", "/api/v1/research/quotes/" + q.id + "/approval");
          await quotes();
        } }, q.approved ? "Dra tillbaka" : "Godkänn för publicering"))))
      : [el("tr", {}, el("td", { colspan: 4 }, "Inga citat med samtycke."))]));
  }
  await quotes();
})();
