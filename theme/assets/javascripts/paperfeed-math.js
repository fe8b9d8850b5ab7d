// Renders the TeX that generator/tex.py wrapped in .arithmatex spans ("\(...\)" inline,
// "\[...\]" display) with the KaTeX the site serves itself. Only those spans are touched;
// a formula KaTeX cannot parse stays as its source text.
(function () {
  "use strict";
  function render() {
    if (!window.katex) return;
    document.querySelectorAll(".arithmatex:not([data-pf-math])").forEach(function (span) {
      var source = span.textContent;
      var display = source.slice(0, 2) === "\\[";
      span.setAttribute("data-pf-math", "source");
      try {
        window.katex.render(source.slice(2, -2), span, {
          displayMode: display,
          throwOnError: true,
          strict: "ignore",
          trust: false,
          maxExpand: 1000,
        });
        span.setAttribute("data-pf-math", "rendered");
      } catch (error) {
        span.textContent = source;
      }
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(render);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", render);
  } else {
    render();
  }
})();
