"use strict";
// The what-if page: variants by changes, or tablets by share or per person; planned side by side.

(() => {
  const page = document.getElementById("whatif");
  if (!page) return;
  const file = page.dataset.file;
  const list = document.getElementById("variants");

  document.getElementById("add-variant").addEventListener("click", () => {
    const copy = list.querySelector(".variant").cloneNode(true);
    copy.querySelector(".variant-name").value = `variant ${list.children.length + 1}`;
    copy.querySelector(".variant-set").value = "";
    list.append(copy);
  });
  list.addEventListener("click", (event) => {
    const remove = event.target.closest("button.remove");
    if (remove && list.children.length > 1) remove.closest(".variant").remove();
  });

  function variants() {
    const found = [];
    for (const variant of list.querySelectorAll(".variant")) {
      const changes = variant.querySelector(".variant-set").value.split("\n").map((l) => l.trim()).filter(Boolean);
      if (changes.length) found.push({ name: variant.querySelector(".variant-name").value.trim() || `variant ${found.length + 1}`, set: changes });
    }
    const switched = [...page.querySelectorAll("input.switch:checked")].map((box) => box.value);
    if (switched.length) {
      found.push({ name: `tablets: ${switched.join(", ")}`, set: switched.map((pid) => `participants.${pid}.dose_form=tablet`) });
    }
    return found;
  }

  document.getElementById("compare").addEventListener("click", async () => {
    const sharesText = document.getElementById("shares").value.trim();
    const body = { file, time_limit: Number(document.getElementById("time-limit").value) };
    if (sharesText) body.tablet_shares = sharesText.split(/[,\s]+/).filter(Boolean).map(Number);
    else body.variants = variants();
    if (!sharesText && !body.variants.length) {
      ww.say("Write at least one change, tick someone for tablets, or give shares.", "bad");
      return;
    }
    const answer = await ww.call("POST", "/api/compare", body);
    if (answer.ok) window.location.assign(answer.data.page);
    else ww.say(answer.data.detail || "The comparison could not be started.", "bad");
  });
})();
