// The console's only script of its own. Pages work without it except for what it adds: a
// confirmation before destructive actions (forms with data-confirm) and keeping a followed log
// scrolled to its end. No inline handlers anywhere: the Content-Security-Policy allows none.

document.addEventListener("submit", (event) => {
  const form = event.target;
  const question = form instanceof HTMLFormElement ? form.dataset.confirm : undefined;
  // confirm() shows the text as text: a task name in it cannot become markup.
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

// A followed log stays at its end while the reader is there; one scrolled up to read stays put.
let followLog = true;
document.addEventListener("htmx:beforeSwap", () => {
  const log = document.getElementById("run-log");
  followLog = !log || log.scrollHeight - log.scrollTop - log.clientHeight < 40;
});
document.addEventListener("htmx:afterSettle", () => {
  const log = document.getElementById("run-log");
  if (log && followLog) {
    log.scrollTop = log.scrollHeight;
  }
});
