"""Steps a person takes in Chromium."""

from bk.plone.setuphandlers import DEMO_USERS


def login(page, portal_url: str, login_name: str) -> None:
    """Through Plone's login form, as a person logs in."""
    page.goto(f"{portal_url}/login")
    page.fill("#__ac_name", login_name)
    page.fill("#__ac_password", DEMO_USERS[login_name][0])
    page.screenshots.take(page, "login")
    page.click("#buttons-login")
    page.wait_for_load_state()


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Run in the page: axe-core over WCAG 2.1 A/AA; of its findings, those on nodes
# inside bk.plone's own markup (an element whose id or class starts with "bk-"),
# violations and "incomplete" contrast checks whose measured ratio is too low.
_AXE_RUN = """async (tags) => {
  const ours = (selector) => {
    const node = document.querySelector(selector);
    return !!(node && node.closest('[id^="bk-"], [class^="bk-"], [class*=" bk-"]'));
  };
  const results = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations", "incomplete"],
  });
  const found = [];
  for (const rule of results.violations) {
    for (const node of rule.nodes) {
      found.push({rule: rule.id, target: node.target.join(" "),
                  ours: ours(node.target[0]), summary: node.failureSummary});
    }
  }
  for (const rule of results.incomplete) {
    if (rule.id !== "color-contrast") continue;
    for (const node of rule.nodes) {
      const data = (node.any[0] || {}).data || {};
      if (data.contrastRatio && data.contrastRatio < data.expectedContrastRatio) {
        found.push({rule: "color-contrast (measured)", target: node.target.join(" "),
                    ours: ours(node.target[0]),
                    summary: `${data.fgColor} on ${data.bgColor}: ${data.contrastRatio}`});
      }
    }
  }
  return found;
}"""


def axe_findings(page) -> list[dict]:
    """What axe-core finds on the page (see _AXE_RUN); each with `ours`."""
    from importlib.resources import files

    # Evaluated through the DevTools protocol, which the pages' Content Security
    # Policy does not govern (a script tag would be refused, and rightly).
    page.evaluate(files("axe_playwright_python").joinpath("axe.min.js").read_text())
    return page.evaluate(_AXE_RUN, AXE_TAGS)


def assert_accessible(page) -> list[dict]:
    """No axe finding in bk.plone's markup; returns Plone's own (for the notes)."""
    findings = axe_findings(page)
    ours = [f for f in findings if f["ours"]]
    assert ours == [], ours
    return [f for f in findings if not f["ours"]]
