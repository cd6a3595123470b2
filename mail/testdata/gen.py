# gen.py writes the made-up fixture mails in this folder (python3 gen.py, from any
# directory). Every person, company and address here is invented. After a change,
# refresh the expected records with: go test ./mail -update, and review the diff.
import base64, quopri, os, email.header, hashlib
out = os.path.dirname(os.path.abspath(__file__))
os.makedirs(out, exist_ok=True)

def hdr(s, charset="utf-8"):
    try:
        s.encode("ascii"); return s
    except UnicodeEncodeError:
        return email.header.Header(s, charset).encode()

def qp(s, charset="utf-8"):
    return quopri.encodestring(s.encode(charset)).decode("ascii")

def b64(s, charset="utf-8"):
    b = base64.b64encode(s.encode(charset)).decode()
    return "\n".join(b[i:i+76] for i in range(0, len(b), 76))

def part(ctype, body, enc="quoted-printable", charset="utf-8"):
    if enc == "quoted-printable": data = qp(body, charset)
    elif enc == "base64": data = b64(body, charset)
    else: data = body
    return f"Content-Type: {ctype}; charset={charset}\nContent-Transfer-Encoding: {enc}\n\n{data}\n"

def message(frm, subject, date, parts=None, single=None, extra="", msgid=None, charset="utf-8"):
    h = f"Return-Path: <bounce@bounce.example>\nFrom: {frm}\nTo: Dana Weber <dana@northwind.example>\nSubject: {hdr(subject, charset)}\nDate: {date}\nMessage-ID: <{msgid or int(hashlib.sha1((subject+date).encode()).hexdigest()[:10], 16)}@fixture.example>\nMIME-Version: 1.0\n{extra}"
    if single:
        return h + single
    bnd = "----=_Part_4711_" + str(int(hashlib.sha1(subject.encode()).hexdigest()[:5], 16))
    s = h + f'Content-Type: multipart/alternative; boundary="{bnd}"\n\nThis is a multi-part message in MIME format.\n'
    for p in parts:
        s += f"\n--{bnd}\n" + p
    s += f"\n--{bnd}--\n"
    return s

def write(name, s):
    with open(os.path.join(out, name), "w", newline="\n") as f:
        f.write(s)

T = "&amp;"
# ---------------------------------------------------------------- 2013, plain text, no profile /in/ link, default sentence
write("2013-en-plain.eml", message(
    "Priya Raman via LinkedIn <member@linkedin.com>", "Invitation to connect on LinkedIn", "Tue, 12 Mar 2013 08:41:07 +0000 (UTC)",
    single="Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 7bit\n\n" + """LinkedIn
------------



    Priya Raman requested to add you as a connection on LinkedIn:
  
------------------------------------------

Dana,

I'd like to add you to my professional network on LinkedIn.

- Priya

Accept invitation from Priya Raman
http://www.linkedin.com/e/k2x9q-hex1b4wz-3f/accept/inv-71/?hs=false&tok=0aZ8

View invitation from Priya Raman
http://www.linkedin.com/e/k2x9q-hex1b4wz-3f/view/inv-71/?trk=invtxt

 
------------------------------------------
DID YOU KNOW your profile can show the projects you worked on?
http://www.linkedin.com/e/k2x9q-hex1b4wz-3f/tip/

 
-- 
(c) 2013, LinkedIn Corporation. 2029 Stierlin Ct., Mountain View, CA 94043, USA
"""))

# ---------------------------------------------------------------- 2015, multipart, QP, personal note, profile link with /in/
plain15 = """Marco Bellini
Operations Manager at Fabrikam Logistics
Milan Area, Italy

Hi Dana, we sat next to each other at the supply-chain workshop in Rotterdam last month and talked about event sourcing. I would be glad to stay in touch.

Accept:
https://www.linkedin.com/e/v2?e=3ac1-ij8x&a=accept-invite&midToken=AQHx7&ek=invite_accept

View Marco Bellini's profile:
https://www.linkedin.com/comm/in/marco-bellini-4a1b2c?midToken=AQHx7&trk=eml-invite-profile&trkEmail=eml-invite-null-5-null-null

You received an invitation to connect. LinkedIn will use your email address to make suggestions to our members in features like People You May Know. Unsubscribe here: https://www.linkedin.com/e/v2?e=3ac1&a=unsub
This email was intended for Dana Weber (Data Engineer at Northwind Analytics).
"""
html15 = """<html><head><style>td {font-family: Arial}</style><title>Invitation</title></head><body>
<table><tr><td><a href="https://www.linkedin.com/comm/in/marco-bellini-4a1b2c?midToken=AQHx7&amp;trk=eml-invite-photo"><img src="https://media.example/p.jpg" alt="Marco Bellini"></a></td>
<td><a href="https://www.linkedin.com/comm/in/marco-bellini-4a1b2c?midToken=AQHx7&amp;trk=eml-invite-name">Marco Bellini</a></td></tr>
<tr><td>Operations Manager at Fabrikam Logistics</td></tr>
<tr><td>Milan Area, Italy</td></tr>
<tr><td>Hi Dana, we sat next to each other at the supply-chain workshop in Rotterdam last month and talked about event sourcing. I would be glad to stay in touch.</td></tr>
<tr><td><a href="https://www.linkedin.com/e/v2?e=3ac1-ij8x&amp;a=accept-invite">Accept</a></td></tr>
</table></body></html>
"""
write("2015-en-note-qp.eml", message("Marco Bellini <invitations@linkedin.com>", "Invitation from Marco Bellini", "Wed, 04 Nov 2015 17:03:55 +0100",
    [part("text/plain", plain15), part("text/html", html15)]))

# ---------------------------------------------------------------- 2017, Spanish, HTML only, base64, PYMK must not be read
html17 = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>.x{color:#000}</style></head><body>
<span style="display:none">Lucía Fernández quiere conectar contigo</span>
<table role="presentation">
<tr><td><p>Hola Dana:</p></td></tr>
<tr><td><p>Me gustaría añadirte a mi red profesional en LinkedIn.</p></td></tr>
<tr><td><a href="https://www.linkedin.com/comm/in/lucia-fernandez-gomez?midToken=AQE&amp;trk=eml-email_m2m_invite_single_01-hero-1-prof%7Ephoto&amp;lipi=urn%3Ali%3Apage%3Aemail">Lucía Fernández</a></td></tr>
<tr><td>Directora de Marketing Digital en Contoso Ibérica</td></tr>
<tr><td>Madrid y alrededores, España</td></tr>
<tr><td>12 contactos en común</td></tr>
<tr><td><a href="https://www.linkedin.com/comm/mynetwork/invite-accept/6843/?sharedKey=Rk3&amp;midToken=AQE&amp;trk=eml-accept">Aceptar</a>
 &nbsp; <a href="https://www.linkedin.com/comm/in/lucia-fernandez-gomez?trk=eml-view">Ver perfil</a></td></tr>
</table>
<table>
<tr><td><h2>Personas que quizá conozcas</h2></td></tr>
<tr><td><a href="https://www.linkedin.com/comm/in/pablo-ortega-99?trk=eml-pymk">Pablo Ortega</a></td></tr>
<tr><td>Jefe de Ventas en Tailspin</td></tr>
<tr><td><a href="https://www.linkedin.com/comm/mynetwork/?trk=eml-pymk-connect">Conectar</a></td></tr>
</table>
<p>Este correo electrónico iba dirigido a Dana Weber. <a href="https://www.linkedin.com/e/unsub">Darse de baja</a></p>
<p>&copy; 2017 LinkedIn Ireland Unlimited Company</p>
</body></html>
"""
write("2017-es-html-base64.eml", message("=?UTF-8?Q?Luc=C3=ADa_Fern=C3=A1ndez?= <invitations@linkedin.com>", "Lucía Fernández quiere conectar contigo", "Mon, 20 Feb 2017 10:15:00 +0100",
    single=part("text/html", html17, "base64")))

# ---------------------------------------------------------------- 2019, Portuguese, ISO-8859-1, QP, note in quotes
plain19 = """Olá Dana,

João Magalhães enviou um convite para se conectar.

João Magalhães
Engenheiro de Dados Sênior na Tailspin Brasil
São Paulo e Região

"Olá Dana, li o seu artigo sobre filas de mensagens e gostei muito. Também trabalho com Kafka aqui em São Paulo."

4 conexões em comum

Aceitar: https://www.linkedin.com/comm/mynetwork/invite-accept/99120?midToken=AQG&trk=eml-accept
Ver perfil: https://www.linkedin.com/comm/in/joaomagalhaes?midToken=AQG&trk=eml-profile

Pessoas que talvez você conheça
Renata Souza
Analista na Fabrikam
https://www.linkedin.com/comm/in/renata-souza-1?trk=pymk

Este e-mail foi enviado para Dana Weber.
"""
write("2019-pt-latin1-qp.eml", message("=?ISO-8859-1?Q?Jo=E3o_Magalh=E3es?= <invitations@linkedin.com>", "João Magalhães enviou um convite para se conectar", "Thu, 15 Aug 2019 22:47:12 -0300",
    single=part("text/plain", plain19, "quoted-printable", "iso-8859-1"), charset="iso-8859-1"))

# ---------------------------------------------------------------- 2020, French, multipart, default sentence, location
plain20 = """Bonjour Dana,

Je souhaite faire partie de votre réseau LinkedIn.

Amélie Durand
Cheffe de projet data chez Northwind France
Lyon, Auvergne-Rhône-Alpes, France
8 relations en commun

Accepter https://www.linkedin.com/comm/mynetwork/invite-accept/5521?trk=eml-fr-accept
Voir le profil https://www.linkedin.com/comm/in/amelie-durand-lyon?trk=eml-fr-profile

Personnes que vous pourriez connaître
Hugo Lefèvre, Développeur chez Contoso
https://www.linkedin.com/comm/in/hugo-lefevre?trk=pymk
"""
write("2020-fr-multipart.eml", message("=?UTF-8?Q?Am=C3=A9lie_Durand?= <invitations@linkedin.com>", "Amélie Durand souhaite entrer en relation", "Fri, 09 Oct 2020 07:30:00 +0200",
    [part("text/plain", plain20), part("text/html", "<p>" + plain20.replace("\n", "<br>\n") + "</p>")]))

# ---------------------------------------------------------------- 2021, German, HTML + stub plain part, personal note
html21 = """<html><body>
<div style="display:none;max-height:0">Jonas Becker möchte sich mit Ihnen vernetzen</div>
<table><tr><td>
<a href="https://www.linkedin.com/comm/in/jonas-becker-hh?midToken=AQF&amp;trk=eml-de-name&amp;trkEmail=eml-de-null">Jonas Becker</a>
</td></tr>
<tr><td>Teamleiter Cloud-Infrastruktur bei Fabrikam GmbH</td></tr>
<tr><td>Hamburg</td></tr>
<tr><td>5 gemeinsame Kontakte</td></tr>
<tr><td>
<p>„Hallo Dana, wir haben uns auf der Data-Konferenz in Leipzig über Streaming unterhalten.</p>
</td></tr>
<tr><td><p>Ich würde gern in Kontakt bleiben.“</p></td></tr>
<tr><td><a href="https://www.linkedin.com/comm/mynetwork/invite-accept/88/?trk=eml-de-accept">Annehmen</a>
<a href="https://www.linkedin.com/comm/in/jonas-becker-hh?trk=eml-de-view">Profil anzeigen</a></td></tr>
</table>
<h3>Personen, die Sie kennen könnten</h3>
<p><a href="https://www.linkedin.com/comm/in/lena-schmidt-7">Lena Schmidt</a> Recruiterin</p>
</body></html>
"""
write("2021-de-html.eml", message("Jonas Becker <invitations@linkedin.com>", "Jonas Becker möchte sich mit Ihnen vernetzen", "Tue, 23 Mar 2021 14:02:33 +0100",
    [part("text/plain", "Diese Nachricht lässt sich in Ihrem Browser lesen.\n"), part("text/html", html21, "base64")]))

# ---------------------------------------------------------------- 2022, Italian, HTML only, QP, "Ciao" greeting default
html22 = """<html><body><table>
<tr><td>Ciao Dana,</td></tr>
<tr><td>Vorrei entrare a far parte della tua rete LinkedIn.</td></tr>
<tr><td><a href="https://it.linkedin.com/comm/in/giulia-romano-to?trk=eml-it">Giulia Romano</a></td></tr>
<tr><td>Product Designer presso Contoso Italia | UX e accessibilità</td></tr>
<tr><td>Torino, Piemonte, Italia</td></tr>
<tr><td>2 collegamenti in comune</td></tr>
<tr><td><a href="https://www.linkedin.com/comm/mynetwork/invite-accept/313?trk=eml-it-accept">Accetta</a></td></tr>
<tr><td>Persone che potresti conoscere</td></tr>
<tr><td><a href="https://www.linkedin.com/comm/in/marco-greco">Marco Greco</a></td></tr>
</table></body></html>
"""
write("2022-it-html-qp.eml", message("Giulia Romano <invitations@linkedin.com>", "Giulia Romano vorrebbe collegarsi con te", "Sat, 14 May 2022 09:12:44 +0200",
    single=part("text/html", html22, "quoted-printable")))

# ---------------------------------------------------------------- 2023, Dutch, note, tussenvoegsel name
plain23 = """Sanne de Vries
Recruiter bij Tailspin Talent | Tech & Data
Utrecht, Nederland

Hoi Dana, ik zag je profiel en ik heb een mooie rol als data engineer bij een klant in Utrecht. Zin om even te bellen?

3 gemeenschappelijke connecties

Accepteren: https://www.linkedin.com/comm/mynetwork/invite-accept/7001?trk=eml-nl
Profiel bekijken: https://www.linkedin.com/comm/in/sannedevries-recruiter?trk=eml-nl-profile

Mensen die u misschien kent
Daan Bakker - https://www.linkedin.com/comm/in/daan-bakker
"""
write("2023-nl-note.eml", message("Sanne de Vries <invitations@linkedin.com>", "Uitnodiging van Sanne de Vries", "Mon, 11 Sep 2023 11:11:11 +0200",
    single=part("text/plain", plain23, "quoted-printable")))

# ---------------------------------------------------------------- 2024, Polish, base64, plain only
plain24pl = """Cześć Dana,

Chciałabym dołączyć do Twojej sieci na LinkedIn.

Katarzyna Wiśniewska
Specjalistka ds. HR w Northwind Polska
Kraków, Małopolskie, Polska
3 wspólne kontakty

Akceptuj: https://www.linkedin.com/comm/mynetwork/invite-accept/4242?trk=eml-pl
Wyświetl profil: https://www.linkedin.com/comm/in/k-wisniewska?trk=eml-pl-profile

Osoby, które możesz znać
Piotr Zieliński
https://www.linkedin.com/comm/in/piotr-zielinski
"""
write("2024-pl-base64.eml", message("=?UTF-8?B?S2F0YXJ6eW5hIFdpxZtuaWV3c2th?= <invitations@linkedin.com>", "Katarzyna Wiśniewska chce nawiązać kontakt", "Wed, 17 Jan 2024 08:00:00 +0100",
    single=part("text/plain", plain24pl, "base64")))

# ---------------------------------------------------------------- 2024, Turkish
plain24tr = """Merhaba Dana,

Sizi LinkedIn'deki profesyonel ağıma eklemek istiyorum.

Emre Yıldız
Yazılım Mimarı, Contoso Teknoloji
İstanbul, Türkiye
7 ortak bağlantı

Kabul et: https://www.linkedin.com/comm/mynetwork/invite-accept/1903?trk=eml-tr
Profili görüntüle: https://www.linkedin.com/comm/in/emreyildiz?trk=eml-tr-profile
"""
write("2024-tr-plain.eml", message("=?UTF-8?Q?Emre_Y=C4=B1ld=C4=B1z?= <invitations@linkedin.com>", "Emre Yıldız sizinle bağlantı kurmak istiyor", "Thu, 06 Jun 2024 19:20:00 +0300",
    single=part("text/plain", plain24tr, "quoted-printable")))

# ---------------------------------------------------------------- 2025, Indonesian, HTML, note
html25 = """<html><body>
<p>Budi Santoso ingin terhubung dengan Anda</p>
<table>
<tr><td><a href="https://www.linkedin.com/comm/in/budi-santoso-jkt?midToken=AQJ&amp;trk=eml-id">Budi Santoso</a></td></tr>
<tr><td>Konsultan Penjualan di Tailspin Asia</td></tr>
<tr><td>Jakarta Raya, Indonesia</td></tr>
<tr><td>"Halo Dana, saya menawarkan solusi data untuk perusahaan Anda dengan harga khusus bulan ini."</td></tr>
<tr><td><a href="https://www.linkedin.com/comm/mynetwork/invite-accept/777?trk=eml-id-accept">Terima</a> <a href="https://www.linkedin.com/comm/in/budi-santoso-jkt?trk=eml-id-view">Lihat profil</a></td></tr>
<tr><td>Orang yang mungkin Anda kenal</td></tr>
<tr><td><a href="https://www.linkedin.com/comm/in/siti-rahma">Siti Rahma</a></td></tr>
</table></body></html>
"""
write("2025-id-html.eml", message("Budi Santoso <invitations@linkedin.com>", "Budi Santoso ingin terhubung dengan Anda", "Tue, 18 Feb 2025 03:04:05 +0700",
    single=part("text/html", html25, "quoted-printable")))

# ---------------------------------------------------------------- 2026, English, modern HTML + plain, tracking
plain26 = """Alex Kim
Senior Data Engineer at Acme | Kafka, Go, streaming
Berlin, Germany
7 mutual connections

Alex Kim's invitation is waiting for your response

Accept: https://www.linkedin.com/comm/mynetwork/invite-accept/urn%3Ali%3Afsd_invitation%3A7233/?sharedKey=aB3_x&midToken=AQH&midSig=2x&trk=eml-email_m2m_invite_single_01-hero-0-accept_text&trkEmail=eml-email_m2m_invite_single_01-hero-0-accept_text-null-7&lipi=urn%3Ali%3Apage%3Aemail_email_m2m_invite_single_01

View profile: https://www.linkedin.com/comm/in/alex-kim-berlin?midToken=AQH&midSig=2x&trk=eml-email_m2m_invite_single_01-hero-1-view_profile&trkEmail=eml-null&lipi=urn%3Ali%3Apage%3Aemail

----------------------------------------

People you may know

Jordan Blake
Growth Hacker | 30K+ connections
View profile: https://www.linkedin.com/comm/in/jordan-blake-growth?trk=eml-pymk

----------------------------------------

This email was intended for Dana Weber (Data Engineer at Northwind Analytics)
Learn why we included this: https://www.linkedin.com/help/linkedin/answer/4788
You are receiving Invitation emails.
Unsubscribe: https://www.linkedin.com/comm/psettings/email-unsubscribe?lipi=x
© 2026 LinkedIn Corporation, 1000 West Maude Avenue, Sunnyvale, CA 94085.
"""
html26 = """<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width"><style>@media (max-width:600px){.m{display:block}}</style></head>
<body><div style="display:none;overflow:hidden">Alex Kim wants to connect &#8199;&#847; &#8199;&#847;</div>
<table role="presentation" width="100%"><tbody>
<tr><td><a href="https://www.linkedin.com/comm/?midToken=AQH"><img alt="LinkedIn" src="https://static.example/logo.png"></a></td></tr>
<tr><td><a href="https://www.linkedin.com/comm/in/alex-kim-berlin?midToken=AQH&amp;trk=eml-hero-name"><img alt="" src="https://media.example/alex.jpg"></a></td></tr>
<tr><td><a href="https://www.linkedin.com/comm/in/alex-kim-berlin?midToken=AQH&amp;trk=eml-hero-name" style="color:#000">Alex Kim</a></td></tr>
<tr><td><p style="margin:0">Senior Data Engineer at Acme | Kafka, Go, streaming</p></td></tr>
<tr><td><p style="margin:0">Berlin, Germany</p></td></tr>
<tr><td><p>7 mutual connections</p></td></tr>
<tr><td><a href="https://www.linkedin.com/comm/mynetwork/invite-accept/urn%3Ali%3Afsd_invitation%3A7233/?sharedKey=aB3_x&amp;trk=eml-accept" style="background:#0a66c2">Accept</a></td>
<td><a href="https://www.linkedin.com/comm/in/alex-kim-berlin?trk=eml-view-profile">View profile</a></td></tr>
</tbody></table>
<table><tr><td><h2>People you may know</h2></td></tr>
<tr><td><a href="https://www.linkedin.com/comm/in/jordan-blake-growth?trk=eml-pymk">Jordan Blake</a></td></tr></table>
</body></html>
"""
write("2026-en-modern.eml", message("Alex Kim <invitations@linkedin.com>", "Alex Kim wants to connect", "Fri, 20 Nov 2026 09:15:00 +0000",
    [part("text/plain", plain26), part("text/html", html26)]))

# ---------------------------------------------------------------- 2026, English HTML only (plain part missing), with note
html26b = """<html><body><table>
<tr><td><a href="https://www.linkedin.com/comm/in/mei-tanaka-ux?trk=eml-name">Mei Tanaka</a></td></tr>
<tr><td>Head of Research at Fabrikam Labs</td></tr>
<tr><td>London Area, United Kingdom</td></tr>
<tr><td>Mei Tanaka has a message for you:</td></tr>
<tr><td><p>Dana, your talk at the Berlin Data Meetup about late-arriving events answered a question my team had argued about for weeks.</p><p>Would love to keep in touch and compare notes.</p></td></tr>
<tr><td>1 mutual connection</td></tr>
<tr><td><a href="https://www.linkedin.com/comm/mynetwork/invite-accept/56?trk=a">Accept</a> <a href="https://www.linkedin.com/comm/messaging/?trk=reply">Reply to Mei</a></td></tr>
</table><p>You are receiving Invitation emails. <a href="https://www.linkedin.com/unsub">Unsubscribe</a></p></body></html>
"""
write("2026-en-html-note.eml", message("Mei Tanaka <invitations@linkedin.com>", "Mei Tanaka sent you an invitation to connect", "Sun, 22 Nov 2026 21:00:00 +0000",
    single=part("text/html", html26b, "quoted-printable")))

# ---------------------------------------------------------------- phishing
def phish(name, frm, subject, body):
    write(name, message(frm, subject, "Mon, 23 Nov 2026 06:00:00 +0000", single=part("text/plain", body, "7bit")))

phish_body = """Alex Mercer
CEO at Global Crypto Ventures
12 mutual connections

Accept: https://linkedin.com-secure-login.example/accept?id=991
View profile: https://www.linkedin.com/in/alex-mercer-ceo

LinkedIn Corporation
"""
phish("phish-lookalike.eml", "LinkedIn <invitations@linkedln.com>", "Alex Mercer wants to connect", phish_body)
phish("phish-subdomain.eml", "Invitations <invitations@linkedin.com.account-check.example>", "Invitation from Alex Mercer", phish_body)
phish("phish-displayname.eml", '"LinkedIn" <no-reply@mailer-7.example>', "You have 1 new invitation", phish_body)
phish("phish-offsite-accept.eml", "Alex Mercer <invitations@linkedin.com>", "Alex Mercer wants to connect", phish_body)
phish("phish-subject-only.eml", "Alex Mercer <alex.mercer@freemail.example>", "Alex Mercer sent you an invitation to connect", phish_body)

# ---------------------------------------------------------------- not invitations
write("linkedin-notification.eml", message("LinkedIn <notifications-noreply@linkedin.com>", "You appeared in 9 searches this week", "Mon, 23 Nov 2026 07:00:00 +0000",
    single=part("text/plain", "You appeared in 9 searches this week.\nSee who's looking: https://www.linkedin.com/comm/me/search-appearances\n", "7bit")))
write("newsletter.eml", message("Fabrikam News <news@fabrikam.example>", "Invitation from our CEO: annual meetup", "Mon, 23 Nov 2026 07:30:00 +0000",
    single=part("text/plain", "Join us at the annual meetup in Berlin. Register at https://fabrikam.example/meetup\n", "7bit")))
# a LinkedIn invitation mail whose name cannot be told
write("problem-noname.eml", message("LinkedIn <invitations@linkedin.com>", "Invitation to connect on LinkedIn", "Mon, 23 Nov 2026 08:00:00 +0000",
    single=part("text/plain", "You have a new invitation.\n\nAccept: https://www.linkedin.com/comm/mynetwork/invite-accept/1\n", "7bit")))

# ---------------------------------------------------------------- mbox
def rd(n): return open(os.path.join(out, n)).read()
reminder = message("Alex Kim <invitations@linkedin.com>", "Reminder: Alex Kim is waiting for your response", "Mon, 23 Nov 2026 09:15:00 +0000",
    single=part("text/plain", """Alex Kim
Senior Data Engineer at Acme | Kafka, Go, streaming
Berlin, Germany
8 mutual connections

Accept: https://www.linkedin.com/comm/mynetwork/invite-accept/urn%3Ali%3Afsd_invitation%3A7233/?sharedKey=zz9&trk=eml-reminder-accept
View profile: https://www.linkedin.com/comm/in/alex-kim-berlin?trk=eml-reminder-profile

People you may know
Jordan Blake
https://www.linkedin.com/comm/in/jordan-blake-growth
""", "7bit"))
personal = message("Sam Lee <sam@fabrikam.example>", "Lunch on Thursday?", "Tue, 24 Nov 2026 12:00:00 +0100",
    single="Content-Type: text/plain; charset=utf-8\n\nHi Dana,\n\nare we still on for Thursday?\n\nFrom the desk of Sam: bring the Kafka slides.\n\nSam\n")
def esc(m):
    # mboxrd: a body line starting with "From " (or ">From ") gets one more ">"
    import re
    return re.sub(r"(?m)^(>*From )", r">\1", m)
mbox = ""
for m in [rd("2026-en-modern.eml"), personal, rd("phish-lookalike.eml"), reminder, rd("linkedin-notification.eml"), rd("2024-tr-plain.eml"), rd("2022-it-html-qp.eml")]:
    mbox += "From MAILER-DAEMON Mon Nov 30 10:00:00 2026\n" + esc(m)
    if not mbox.endswith("\n"): mbox += "\n"
    mbox += "\n"
write("inbox.mbox", mbox)

# ---------------------------------------------------------------- Maildir
md = os.path.join(out, "maildir")
for sub in ("cur", "new", "tmp"):
    os.makedirs(os.path.join(md, sub), exist_ok=True)
def mdput(sub, name, m):
    with open(os.path.join(md, sub, name), "w", newline="\n") as f: f.write(m)
mdput("cur", "1763000000.M1P100.fixture", rd("2019-pt-latin1-qp.eml"))
mdput("cur", "1763000100.M2P100.fixture", personal)
mdput("new", "1763000200.M3P100.fixture", rd("2021-de-html.eml"))
mdput("new", "1763000300.M4P100.fixture", rd("phish-subdomain.eml"))
open(os.path.join(md, "tmp", ".keep"), "w").close()

# ---------------------------------------------------------------- 2018, English HTML with page chrome, named mutuals, name differs
html18 = """<html><body>
<p><a href="https://www.linkedin.com/e/view-in-browser?id=12">View this email in your browser</a></p>
<table>
<tr><td>You have an invitation</td></tr>
<tr><td><a href="https://www.linkedin.com/comm/in/ravi-patel-phd?trk=eml-18-name">Dr. Ravi Patel</a></td></tr>
<tr><td>Principal Scientist at Contoso Research</td></tr>
<tr><td>Greater Seattle Area</td></tr>
<tr><td>Jo Park and 6 other mutual connections</td></tr>
<tr><td><p>Let's connect!</p></td></tr>
<tr><td><a href="https://www.linkedin.com/comm/mynetwork/invite-accept/180?trk=eml-18-accept">Accept</a></td>
<td><a href="https://www.linkedin.com/comm/in/ravi-patel-phd?trk=eml-18-view">View profile</a></td></tr>
</table>
<p>More suggestions for you</p>
<p><a href="https://www.linkedin.com/comm/in/someone-else">Casey Morgan</a></p>
</body></html>
"""
write("2018-en-html-chrome.eml", message("Ravi Patel <invitations@linkedin.com>", "Ravi Patel wants to connect", "Thu, 07 Jun 2018 16:45:00 -0700",
    single=part("text/html", html18, "quoted-printable")))

# ---------------------------------------------------------------- a digest of several invitations
digest = """You have 3 new invitations

Noor Haddad
Product Owner at Fabrikam
Accept: https://www.linkedin.com/comm/mynetwork/invite-accept/1?trk=d
https://www.linkedin.com/comm/in/noor-haddad

Tomás Ruiz
Accept: https://www.linkedin.com/comm/mynetwork/invite-accept/2?trk=d

Ines Kaya
Accept: https://www.linkedin.com/comm/mynetwork/invite-accept/3?trk=d

See all invitations: https://www.linkedin.com/comm/mynetwork/invitation-manager/
"""
write("digest-en.eml", message("LinkedIn <invitations@linkedin.com>", "You have 3 new invitations", "Mon, 23 Nov 2026 08:30:00 +0000",
    single=part("text/plain", digest, "quoted-printable")))

# ---------------------------------------------------------------- 2024, links rewritten by the company's mail gateway
import urllib.parse
def safe(u): return "https://eur02.safelinks.protection.outlook.com/?url=" + urllib.parse.quote(u, safe="") + "&data=05%7C02%7Cdana%40northwind.example&reserved=0"
plain24sl = f"""Hi Dana,

I'd like to join your LinkedIn network.

Olivia Brandt
Security Architect at Northwind Analytics
Vienna, Austria
21 mutual connections

Accept: {safe("https://www.linkedin.com/comm/mynetwork/invite-accept/2424?trk=eml-accept")}
View profile: {safe("https://www.linkedin.com/comm/in/olivia-brandt-sec?trk=eml-profile")}
"""
write("2024-en-safelinks.eml", message("Olivia Brandt <invitations@linkedin.com>", "Olivia Brandt wants to connect", "Tue, 10 Dec 2024 08:05:00 +0100",
    single=part("text/plain", plain24sl, "quoted-printable"),
    extra="Authentication-Results: mx.northwind.example; dkim=pass header.d=linkedin.com; spf=pass smtp.mailfrom=bounce.linkedin.com; dmarc=pass header.from=linkedin.com\n"))
write("phish-dmarc-fail.eml", message("LinkedIn <invitations@linkedin.com>", "Invitation from Alex Mercer", "Mon, 23 Nov 2026 06:30:00 +0000",
    single=part("text/plain", "Alex Mercer\nInvestor\n\nAccept: https://www.linkedin.com/comm/mynetwork/invite-accept/66\n", "7bit"),
    extra="Authentication-Results: mx.northwind.example; spf=fail smtp.mailfrom=linkedin.com; dmarc=fail (p=REJECT) header.from=linkedin.com\n"))
write("linkedin-local-newsletter.eml", message("LinkedIn Local Berlin <hello@meetup-mail.example>", "Our next evening: data careers", "Mon, 23 Nov 2026 18:00:00 +0000",
    single=part("text/plain", "Hi all,\n\nour next LinkedIn Local evening is on 10 December. Sign up at https://meetup-mail.example/e/42\n", "7bit")))
