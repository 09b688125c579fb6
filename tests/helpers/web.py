"""Steps through the site's pages, as a person takes them."""

import lxml.html


def issue_letter(session, resolution, **values):
    url = f"{resolution.absolute_url()}/@@issue-letter"
    page = session.get(url)
    assert page.status_code == 200
    token = lxml.html.fromstring(page.text).xpath(
        "//input[@name='_authenticator']/@value"
    )[0]
    data = {
        "_authenticator": token,
        "date": "2021-01-25",
        "file_reference": "(OB) INAUSLB",
        "next_control_date": "2021-06-30",
        "form.buttons.issue": "1",
    }
    data.update(values)
    return session.post(url, data=data)


def authenticator(html):
    return lxml.html.fromstring(html).xpath("//input[@name='_authenticator']/@value")[0]


def token(session, url: str) -> str:
    """The CSRF authenticator of `session`'s user, from a page of the site."""
    page = session.get(url)
    page.raise_for_status()
    return authenticator(page.text)
