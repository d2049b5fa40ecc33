"use strict";
// A job's page: live progress with Stop, then the plan; a click on a day without work explains it.

(() => {
  const page = document.getElementById("job");
  if (!page) return;
  const jobId = page.dataset.job;
  const data = JSON.parse(document.getElementById("job-data").textContent);
  const percent = (gap) => (gap === null || gap === undefined ? "–" : `${(100 * gap).toFixed(1)} %`);
  const STEP = {
    shortfall: "everyone's minimum days",
    participant_days: "as many days as possible",
    late_start: "the earliest late start",
    staff: "fewest supervisor-days",
    late_places: "tidy the late groups",
    fairness: "a fair share over the weeks",  // one step per level: how many get at least that many days
  };
  const weekOf = (s) => (s.week === 0 ? "All weeks" : `Week ${s.week}`);
  const stepOf = (s) => (STEP[s.objective] || s.objective) + (s.level ? `: who gets ${s.level}+ days` : "");
  // A step solved in one CP-SAT call with the steps above it: its time is counted there.
  const secondsOf = (s) => (s.solved_with ? "with the above" : s.wall_seconds.toFixed(2));

  const gapOf = (s) => (s.value === null ? null : Math.abs(s.value - s.bound) / Math.max(1, Math.abs(s.value)));

  function searchingRow(s) {
    return ww.el("tr", { class: "searching", "data-week": s.week, "data-objective": s.objective },
      ww.el("td", {}, weekOf(s)),
      ww.el("td", {}, STEP[s.objective] || s.objective),
      ww.el("td", {}, "searching…"),
      ww.el("td", { class: "num" }, s.value === null ? "–" : s.value),
      ww.el("td", { class: "num" }, s.bound),
      ww.el("td", { class: "num" }, percent(gapOf(s))),
      ww.el("td", { class: "num" }, ""));
  }

  function stageRow(s) {
    return ww.el("tr", { "data-week": s.week, "data-objective": s.objective },
      ww.el("td", {}, weekOf(s)),
      ww.el("td", {}, stepOf(s)),
      ww.el("td", {}, s.status === "optimal" ? "proven best" : "best found in time"),
      ww.el("td", { class: "num" }, s.value),
      ww.el("td", { class: "num" }, s.bound),
      ww.el("td", { class: "num" }, percent(s.gap)),
      ww.el("td", { class: "num" }, secondsOf(s)));
  }

  // The finished steps week by week, then the ones running now with their best so far.
  function showStages(stages, searching) {
    const body = document.getElementById("stages");
    if (!body) return;
    const byWeek = (a, b) => a.week - b.week;
    body.replaceChildren(...[...stages].sort(byWeek).map(stageRow), ...[...(searching || [])].sort(byWeek).map(searchingRow));
  }

  showStages(data.stages || []);
  const stop = document.getElementById("stop");
  if (stop) {
    stop.addEventListener("click", async () => {
      stop.disabled = true;
      stop.textContent = "Stopping… the best plan so far is kept";
      await ww.call("DELETE", `/api/jobs/${encodeURIComponent(jobId)}`);
    });
  }
  if (!ww.FINAL.includes(page.dataset.state)) {
    ww.follow(jobId, (update) => {
      showStages(update.stages || [], update.searching);
      const state = document.getElementById("state");
      state.textContent = update.state;
      state.className = `state ${update.state}`;
      const note = document.getElementById("progress-note");
      if (note && page.dataset.kind === "solve" && update.state === "running" && !(update.stages || []).length) note.textContent = "Planning… the first step of each week appears here as soon as it is done.";
      if (ww.FINAL.includes(update.state)) window.location.reload();
    });
  }

  // -- explanations --------------------------------------------------------------

  function explanationView(result, planJob) {
    const days = ww.el("table", { class: "list" },
      ww.el("thead", {}, ww.el("tr", {}, ww.el("th", {}, "Day"), ww.el("th", {}, "Work"), ww.el("th", {}, "Why not"))),
      ww.el("tbody", {}, result.days.map((d) => ww.el("tr", {},
        ww.el("td", {}, d.date),
        ww.el("td", {}, d.crew ? `${d.crew} (${d.group})` : "–"),
        ww.el("td", {}, d.crew ? "" : `${(d.reason || "").replace("_", " ")}: ${d.detail || ""}`)))));
    const whatIfs = result.what_ifs.map((w) => {
      let answer;
      if (w.days === null) answer = w.note || "not tried";
      else {
        const change = w.gained.length - w.lost.length;
        answer = change > 0 ? `${change} more day${change === 1 ? "" : "s"} (${w.gained.join(", ")})` : change < 0 ? `${-change} fewer` : "no change for them";
        if (w.note) answer += ` — ${w.note}`;
      }
      const run = w.overrides.length && planJob
        ? ww.el("button", { type: "button", class: "go", onclick: () => ww.solve({ job: planJob, set: w.overrides, time_limit: data.time_limit || 30 }) }, "Plan with this change")
        : "";
      return ww.el("li", { class: "whatif" }, ww.el("b", {}, w.question), " ", ww.el("span", {}, answer), " ",
        w.overrides.length ? ww.el("code", { class: "change" }, w.overrides.join("  ")) : "", " ", run);
    });
    return [ww.el("h3", {}, "Every day they could work"), days, ww.el("h3", {}, "What would change it"), ww.el("ul", { class: "whatifs" }, whatIfs)];
  }

  async function explain(cell) {
    const pid = cell.closest("tr").dataset.participant;
    const panel = document.getElementById("explain");
    const reason = cell.querySelector(".reason");
    const detail = cell.querySelector(".detail");
    const working = ww.el("p", { class: "muted working" }, "Working out what would change it: the weeks are planned again with each change. This takes a little while.");
    panel.hidden = false;
    panel.replaceChildren(
      ww.el("button", { type: "button", class: "close", onclick: () => { panel.hidden = true; } }, "Close"),
      ww.el("h2", {}, `${pid} on ${cell.dataset.date}`),
      ww.el("p", { class: "why" }, ww.el("b", { class: "reason-name" }, reason ? reason.textContent : ""), " — ",
        ww.el("span", { class: "reason-text" }, reason ? reason.title : ""), ". ", ww.el("span", { class: "reason-detail" }, detail ? detail.textContent : "")),
      working);
    panel.scrollIntoView({ block: "nearest" });
    const answer = await ww.call("POST", "/api/explain", { job: jobId, participant: pid, time_limit: 10 });
    if (!answer.ok) {
      working.textContent = answer.data.detail || "The explanation could not be started.";
      return;
    }
    ww.follow(answer.data.job, async (update) => {
      if (!ww.FINAL.includes(update.state)) return;
      const full = await ww.call("GET", `/api/jobs/${answer.data.job}`);
      if (full.data.state === "done") working.replaceWith(...explanationView(full.data.result, jobId));
      else working.textContent = full.data.error || "The explanation stopped.";
    });
  }

  const plan = document.querySelector(".plan");
  if (plan) {
    for (const cell of plan.querySelectorAll("table.people td.none")) {
      cell.classList.add("clickable");
      cell.title = "Why no work this day? Click to see.";
    }
    plan.addEventListener("click", (event) => {
      const cell = event.target.closest("table.people td.none");
      if (cell) explain(cell);
    });
  }

  const keep = document.getElementById("keep");
  if (keep) {
    keep.addEventListener("click", async () => {
      const name = window.prompt("Keep the plan in the folder as", keep.dataset.name);
      if (!name) return;
      const answer = await ww.call("POST", "/api/plans", { job: jobId, name: name.endsWith(".json") ? name : `${name}.json` });
      if (answer.ok) ww.say(`Kept as ${answer.data.plan} in the folder. Open it again from the scenario's page.`, "ok");
      else ww.say(answer.data.detail || "The plan was not kept.", "bad");
    });
  }

  const robustness = document.getElementById("robustness");
  if (robustness) {
    robustness.addEventListener("click", async () => {
      robustness.disabled = true;
      const answer = await ww.call("POST", "/api/simulate", { job: jobId, draws: Number(robustness.dataset.draws) });
      if (answer.ok) window.location.assign(answer.data.page);
      else {
        robustness.disabled = false;
        window.alert(answer.data.detail || "The plan could not be played.");
      }
    });
  }

  const explanation = document.getElementById("explanation");
  if (explanation && data.result) explanation.replaceChildren(...explanationView(data.result, null));
})();
