"""The Swedish starting content that a new installation gets. Editors change it in the
admin afterwards; provisioning never overwrites a page that exists."""

from django.conf import settings
from django.utils.html import escape

HOME_SEARCH_DESCRIPTION = (
    "Kvinnofrid samlar länsstyrelsernas arbete mot mäns våld mot kvinnor: kunskap, "
    "utbildningar, stödlinjer och nätverk i alla 21 län."
)
HOME_INTRO = (
    "Här samlar länsstyrelserna sitt arbete mot mäns våld mot kvinnor, våld i nära "
    "relationer, hedersrelaterat våld och förtryck, prostitution och människohandel. "
    "Du hittar kunskap och metodstöd, utbildningar och var du kan få stöd."
)

ACCESSIBILITY_INTRO = (
    "Länsstyrelserna står bakom webbplatsen Kvinnofrid. Vi vill att så många som möjligt "
    "ska kunna använda den. Här beskriver vi hur webbplatsen uppfyller lagen om "
    "tillgänglighet till digital offentlig service, kända brister och hur du kan "
    "rapportera problem till oss."
)
PRIVACY_INTRO = (
    "Här beskriver vi vilka personuppgifter Kvinnofrid behandlar, varför, med vilket "
    "rättsligt stöd, hur länge och vilka rättigheter du har."
)

# The eleven elements of a Swedish accessibility statement (DIGG's regulation MDFFS 2019:2
# and its template). Each is a heading, so a test can prove that none is missing.
ACCESSIBILITY_HEADINGS = [
    "Vilken webbplats redogörelsen gäller",
    "Hur tillgänglig är webbplatsen?",
    "Innehåll som inte är tillgängligt",
    "Oskäligt betungande anpassning",
    "Innehåll som inte omfattas av lagen",
    "Vad kan du göra om du inte kan använda delar av webbplatsen?",
    "Rapportera brister i webbplatsens tillgänglighet",
    "Tillsyn",
    "Hur vi testat webbplatsen",
    "När redogörelsen upprättades och uppdaterades",
    "Teknisk information om webbplatsens tillgänglighet",
]


def _contact_email() -> str:
    return escape(settings.KVINNOFRID_CONTACT_EMAIL)


def county_intro(county) -> str:
    return (
        f"{county.board_name} samordnar arbetet mot mäns våld mot kvinnor i länet: "
        "kommunbesök, länssamverkan, nätverk och kompetensstöd till kommuner, regionen och "
        "andra aktörer."
    )


NATIONAL_NEWS_INTRO = (
    "Nyheter om länsstyrelsernas gemensamma arbete mot mäns våld mot kvinnor: nytt material, "
    "uppdrag från regeringen och nationella satsningar."
)


def county_news_intro(county) -> str:
    return f"Nyheter från {county.board_name} om arbetet mot mäns våld mot kvinnor i länet."


# The headings of the privacy notice's advice on covering one's tracks; tests look for them.
SAFE_BROWSING_HEADING = "Surfa säkrare – om någon kan se vad du gör"


def _today() -> str:
    from django.utils import timezone, translation
    from django.utils.formats import date_format

    with translation.override("sv"):
        return date_format(timezone.localdate(), "j F Y")


def accessibility_statement() -> str:
    """Dated the day the site is set up; editors update the dates as they reassess."""
    email = _contact_email()
    today = _today()
    h = ACCESSIBILITY_HEADINGS
    return f"""
<h2>{h[0]}</h2>
<p>Den här redogörelsen gäller webbplatsen Kvinnofrid, där länsstyrelsernas samordning
mot mäns våld mot kvinnor publiceras. Länsstyrelserna är ansvariga för webbplatsen,
var och en för sitt läns innehåll.</p>

<h2>{h[1]}</h2>
<p>Webbplatsen är delvis förenlig med lagen (2018:1937) om tillgänglighet till digital
offentlig service, på grund av de brister som beskrivs nedan.</p>

<h2>{h[2]}</h2>
<p>Vi känner till följande brister i förhållande till kraven i EN 301 549 och
WCAG 2.1 nivå AA:</p>
<ul>
<li>Vissa dokument som andra organisationer har tagit fram, till exempel äldre
rapporter i PDF-format, är inte fullt tillgängliga för skärmläsare (WCAG 1.3.1, 4.1.2).</li>
<li>Redaktörsgränssnittet, som bara används av länsstyrelsernas personal, har inte
granskats lika noga som de publika sidorna.</li>
</ul>

<h2>{h[3]}</h2>
<p>Vi åberopar inte undantaget för oskäligt betungande anpassning för något innehåll.</p>

<h2>{h[4]}</h2>
<p>Dokument som publicerades före den 23 september 2018 och som inte behövs för pågående
administrativa processer omfattas inte av lagen. Inspelade filmer som publicerades före
den 23 september 2020 omfattas inte heller.</p>

<h2>{h[5]}</h2>
<p>Om du behöver innehåll från webbplatsen som inte är tillgängligt för dig, men som
omfattas av lagen, kan du meddela oss. Vi svarar inom två arbetsdagar och försöker ge
dig innehållet i ett format som fungerar för dig, till exempel som vanlig text eller
uppläst.</p>
<p>Om du behöver stöd på grund av våld, ring 112 vid akut fara eller Kvinnofridslinjen
020-50 50 50, som är öppen dygnet runt.</p>

<h2>{h[6]}</h2>
<p>Vi strävar hela tiden efter att förbättra webbplatsens tillgänglighet. Om du
upptäcker problem som inte beskrivs här, eller om du anser att vi inte uppfyller lagens
krav, skriv till oss på <a href="mailto:{email}">{email}</a> så att vi får veta att
problemet finns.</p>

<h2>{h[7]}</h2>
<p>Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn över lagen om
tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar
dina synpunkter kan du
<a href="https://www.digg.se/tdosanmalan">kontakta Digg och påtala det</a>.</p>

<h2>{h[8]}</h2>
<p>Vi har gjort en självskattning (intern testning) av webbplatsen. Webbplatsens
sidtyper och formulär testas automatiskt med axe-core i en riktig webbläsare vid varje
ändring av plattformen, och testerna kräver noll avvikelser. Vi testar även navigering
med tangentbord och snabbutgången. Innehåll som redaktörer lägger in granskas inte
automatiskt.</p>

<h2>{h[9]}</h2>
<p>Redogörelsen upprättades den {today} och uppdaterades senast den {today}. Senaste
bedömningen av webbplatsen gjordes den {today}.</p>

<h2>{h[10]}</h2>
<p>Webbplatsen ska uppfylla WCAG 2.1 nivå AA. Den fungerar utan att du behöver ladda
ner något, med skärmläsare, förstoring och tangentbord. Knappen ”Lämna sidan snabbt”
finns överst på varje sida. Samma sak händer om du trycker på Esc två gånger.</p>
"""


def privacy_notice() -> str:
    email = _contact_email()
    return f"""
<h2>Personuppgiftsansvarig</h2>
<p>Den länsstyrelse som ansvarar för ett visst nyhetsbrev, evenemang, nätverk eller en
viss enkät är personuppgiftsansvarig för de uppgifter som lämnas där. För frågor som rör
hela webbplatsen, skriv till <a href="mailto:{email}">{email}</a>. Varje länsstyrelse
har ett dataskyddsombud som du kan kontakta via länsstyrelsens växel.</p>

<h2>Vilka uppgifter vi behandlar och varför</h2>
<ul>
<li><strong>Prenumeranter på nyhetsbrev:</strong> e-postadress och, om du vill, namn och
typ av organisation, för att skicka nyhetsbrevet.</li>
<li><strong>Anmälda till utbildningar och konferenser:</strong> namn, e-postadress,
organisation och roll, samt behov av specialkost eller tillgänglighetsanpassning som du
själv väljer att uppge, för att genomföra evenemanget.</li>
<li><strong>Kontaktpersoner i kommuner, regioner och andra organisationer:</strong>
namn, roll, e-postadress och telefonnummer i tjänsten, för länsstyrelsernas samordning.</li>
<li><strong>Länsstyrelsernas egna medarbetare</strong> som länet väljer att visa som
kontaktpersoner på sin sida: namn, roll, telefonnummer och e-postadress i tjänsten.</li>
<li><strong>Personal med inloggning:</strong> namn, e-postadress och logg över ändringar,
för att kunna visa vem som har gjort vad.</li>
</ul>
<p>Webbplatsen lagrar aldrig uppgifter om enskilda personer som utsatts för eller utövat
våld.</p>

<h2>Rättslig grund</h2>
<p>Behandlingen är nödvändig för att utföra en uppgift av allmänt intresse
(artikel 6.1 e i dataskyddsförordningen): länsstyrelsernas uppdrag enligt förordningen
(2021:995) att samordna arbetet mot mäns våld mot kvinnor i länet.</p>

<h2>Hur länge vi sparar uppgifterna</h2>
<p>Vi sparar uppgifterna så länge de behövs för ändamålet och gallrar dem sedan enligt
länsstyrelsens informationshanteringsplan. Varje formulär på webbplatsen anger hur länge
just de uppgifterna sparas.</p>

<h2>Mottagare</h2>
<p>Uppgifterna lämnas inte ut till andra än den ansvariga länsstyrelsen och de
leverantörer som driver webbplatsen för länsstyrelsernas räkning. Allmänna handlingar
kan begäras ut enligt offentlighetsprincipen efter sekretessprövning.</p>

<h2>{SAFE_BROWSING_HEADING}</h2>
<p>Om du är orolig att någon kontrollerar din dator eller telefon kan du minska spåren av
att du har besökt webbplatsen:</p>
<ul>
<li><strong>Använd ett privat fönster</strong> (inkognito). Då sparar webbläsaren ingen
historik, inga kakor och inga sökningar när du stänger fönstret. I de flesta webbläsare
öppnar du det med Ctrl+Skift+N eller Ctrl+Skift+P, på Mac med Cmd+Skift+N.</li>
<li><strong>Rensa historiken</strong> efteråt om du inte använde ett privat fönster. Ta
bara bort de sidor du har besökt här om det skulle väcka misstankar att hela historiken
är tom. Du hittar det i webbläsarens inställningar under Historik eller Sekretess.</li>
<li><strong>Knappen ”Lämna sidan snabbt”</strong> och Esc två gånger tar dig direkt till
en annan webbplats, och Bakåt leder inte tillbaka hit. Men knappen raderar inte
historiken: sidan finns kvar i webbläsarens historik tills du rensar den.</li>
<li>Tänk på att e-post, sms och samtal till en stödlinje kan synas i en delad telefon eller
på ett delat konto. Använd gärna en dator eller telefon som bara du har tillgång till,
till exempel på biblioteket eller hos en vän.</li>
</ul>
<p>Vid akut fara, ring 112. Kvinnofridslinjen, 020-50 50 50, är öppen dygnet runt och
syns inte på telefonräkningen.</p>

<h2>Kakor och spårning</h2>
<p>Publika sidor använder inga kakor för statistik eller marknadsföring och inga
spårningspixlar. Om du väljer engelska som språk sparas valet i en kaka
(<code>django_language</code>) i ett år. Personal som loggar in får kakor för inloggning
och formulärsäkerhet.</p>

<h2>Dina rättigheter</h2>
<p>Du har rätt att få veta vilka uppgifter vi har om dig, att få dem rättade, raderade
eller begränsade, och att invända mot behandlingen. Kontakta oss på
<a href="mailto:{email}">{email}</a>.</p>
<p>Om du anser att vi behandlar dina uppgifter felaktigt kan du lämna klagomål till
<a href="https://www.imy.se/">Integritetsskyddsmyndigheten (IMY)</a>.</p>
"""
