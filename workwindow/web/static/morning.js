"use strict";
// The morning form: who is away or came in on the chosen day; the re-plan runs as a job.

(() => {
  const page = document.getElementById("morning");
  if (!page) return;
  const choices = JSON.parse(document.getElementById("morning-data").textContent);
  const date = document.getElementById("date");

  function boxes(ids) {
    return ids.map((id) => ww.el("label", { class: "check" }, ww.el("input", { type: "checkbox", value: id }), id));
  }

  function showDay() {
    const day = choices.dates[date.value] || { planned: [], others: [] };
    document.getElementById("absent").replaceChildren(...boxes(day.planned));
    document.getElementById("arrived").replaceChildren(...boxes(day.others));
  }

  const ticked = (id) => [...document.querySelectorAll(`#${id} input:checked`)].map((box) => box.value);

  date.addEventListener("change", showDay);
  showDay();
  document.getElementById("replan").addEventListener("click", async () => {
    const body = {
      job: page.dataset.job,
      date: date.value,
      absent: ticked("absent"),
      arrived: ticked("arrived"),
      staff_absent: ticked("staff-absent"),
      now: document.getElementById("now").value || null,
    };
    const answer = await ww.call("POST", "/api/replan", body);
    if (answer.ok) window.location.assign(answer.data.page);
    else ww.say(answer.data.detail || "The day could not be re-planned.", "bad");
  });
})();
