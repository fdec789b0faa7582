"""National pages for the demo site, in Swedish. Loaded by `load_demo_content`."""

TOPIC_INDEX = {
    "title": "Om mäns våld mot kvinnor",
    "slug": "om-mans-vald-mot-kvinnor",
    "intro": (
        "Kunskap om mäns våld mot kvinnor, den nationella strategin och hur länsstyrelserna "
        "arbetar för att våldet ska upphöra."
    ),
}

TOPICS = [
    {
        "title": "Vad är mäns våld mot kvinnor?",
        "slug": "vad-ar-mans-vald-mot-kvinnor",
        "intro": (
            "Mäns våld mot kvinnor är ett allvarligt samhällsproblem och ett hinder för "
            "jämställdhet. Våldet kan vara fysiskt, psykiskt, sexuellt, ekonomiskt eller "
            "digitalt och pågår ofta under lång tid."
        ),
        "areas": [
            "fysiskt-psykiskt-sexuellt-vald",
            "vald-i-nara-relationer",
            "hedersrelaterat-vald",
            "prostitution-manniskohandel",
            "kommersialisering-exploatering",
        ],
        "body": """
<h2>Ett brett område</h2>
<p>I arbetet mot mäns våld mot kvinnor ingår flera områden som hänger ihop:</p>
<ul>
<li>fysiskt, psykiskt och sexuellt våld mot kvinnor och flickor,</li>
<li>våld i nära relationer, oavsett om den som utsätts är kvinna, flicka, man, pojke eller
hbtqi-person,</li>
<li>hedersrelaterat våld och förtryck, inklusive barnäktenskap, tvångsäktenskap och
könsstympning,</li>
<li>prostitution och människohandel för sexuella ändamål,</li>
<li>kommersialisering och exploatering av kvinnors kroppar i reklam, medier och
pornografi.</li>
</ul>
<h2>Frågor som går på tvären</h2>
<p>Arbetet ska också uppmärksamma barn som upplever våld, våld mot äldre kvinnor, våld
mot personer med funktionsnedsättning, personer som utövar våld, sexuella trakasserier,
våld som en arbetsgivarfråga och kopplingen mellan våld mot djur och våld mot
människor.</p>
<h2>Om du är utsatt</h2>
<p>Vid akut fara, ring 112. Kvinnofridslinjen, 020-50 50 50, är öppen dygnet runt och
är gratis. Samtalet syns inte på telefonräkningen.</p>
""",
    },
    {
        "title": "Den nationella strategin",
        "slug": "den-nationella-strategin",
        "intro": (
            "Regeringens tioåriga nationella strategi för att förebygga och bekämpa mäns "
            "våld mot kvinnor började gälla 2017. Den har fyra målsättningar."
        ),
        "areas": ["fysiskt-psykiskt-sexuellt-vald", "vald-i-nara-relationer"],
        "body": """
<p>Strategin ingår i skrivelsen <em>Makt, mål och myndighet – feministisk politik för en
jämställd framtid</em> (skr. 2016/17:10) och ska bidra till det jämställdhetspolitiska
delmålet att mäns våld mot kvinnor ska upphöra.</p>
<h2>De fyra målsättningarna</h2>
<ol>
<li>Ett utökat och verkningsfullt förebyggande arbete mot våld.</li>
<li>Förbättrad upptäckt av våld och starkare skydd och stöd för våldsutsatta kvinnor och
barn.</li>
<li>Effektivare brottsbekämpning.</li>
<li>Förbättrad kunskap och metodutveckling.</li>
</ol>
<h2>Hur strategin når ut i landet</h2>
<p>Länsstyrelserna för ut strategin i sina län. De stödjer kommuner, regionen och andra
aktörer och följer varje år upp hur arbetet utvecklas i en lägesrapport till
regeringen.</p>
""",
    },
    {
        "title": "Länsstyrelsernas uppdrag",
        "slug": "lansstyrelsernas-uppdrag",
        "intro": (
            "Varje länsstyrelse samordnar arbetet mot mäns våld mot kvinnor i sitt län, "
            "enligt förordningen (2021:995) om länsstyrelsernas regionala samordning."
        ),
        "areas": [],
        "body": """
<h2>Vad länsstyrelserna gör</h2>
<ul>
<li><strong>Kommunbesök.</strong> Samordnarna träffar kommunernas ledning och
verksamheter för att följa arbetet och se vilket stöd som behövs.</li>
<li><strong>Länssamverkan.</strong> Kommuner, regionen, polisen, åklagare,
kvinno- och tjejjourer och andra aktörer samlas för att arbeta åt samma håll.</li>
<li><strong>Nätverk.</strong> Länsstyrelserna leder nätverk, till exempel för
kommunernas kvinnofridssamordnare och för frågor om hedersrelaterat våld.</li>
<li><strong>Kompetensstöd.</strong> Utbildningar, konferenser, webbinarier och
metodstöd till yrkesverksamma.</li>
</ul>
<h2>Uppföljning</h2>
<p>Varje år lämnar länsstyrelserna en lägesrapport om resultat och effekter av arbetet,
en analys av utvecklingen och vilket regionalt och lokalt stöd som behövs.</p>
""",
    },
    {
        "title": "Hedersrelaterat våld och förtryck",
        "slug": "hedersrelaterat-vald-och-fortryck",
        "intro": (
            "Hedersrelaterat våld och förtryck handlar om att kontrollera framför allt "
            "flickors och kvinnors sexualitet och livsval för att bevara familjens heder."
        ),
        "areas": ["hedersrelaterat-vald", "barn-som-upplever-vald"],
        "body": """
<p>Kontrollen utövas ofta av flera personer i familjen eller släkten, och även pojkar,
män och hbtqi-personer kan utsättas. Barnäktenskap, tvångsäktenskap och könsstympning är
brott i Sverige, och sedan 2022 är hedersförtryck ett eget brott.</p>
<h2>Stöd till yrkesverksamma</h2>
<p>Nationella kompetensteamet mot hedersrelaterat våld och förtryck vid Länsstyrelsen
Östergötland har en stödtelefon för yrkesverksamma: 010-223 57 60, helgfria vardagar
klockan 9–16.</p>
<h2>Om du är utsatt</h2>
<p>Vid akut fara, ring 112. Du kan också kontakta socialtjänsten i din kommun eller
Kvinnofridslinjen, 020-50 50 50, dygnet runt.</p>
""",
    },
    {
        "title": "Prostitution och människohandel",
        "slug": "prostitution-och-manniskohandel",
        "intro": (
            "I Sverige är det förbjudet att köpa sexuella tjänster. Prostitution och "
            "människohandel för sexuella ändamål är en del av mäns våld mot kvinnor."
        ),
        "areas": ["prostitution-manniskohandel", "kommersialisering-exploatering"],
        "body": """
<p>Människohandel innebär att någon rekryterar, transporterar eller tar emot en person
för att utnyttja hen, till exempel i prostitution. De som utnyttjas är ofta i en utsatt
situation och kan vara rädda för att söka hjälp.</p>
<h2>Stöd och samordning</h2>
<p>I landets regioner finns samordnare mot prostitution och människohandel som kan ge
råd till yrkesverksamma och hjälpa till att ordna stöd för den som är utsatt. Du når dem
på 020-390 000 under kontorstid på vardagar.</p>
<p>Misstänker du människohandel kan du tipsa polisen på 114 14. Vid akut fara, ring
112.</p>
""",
    },
    {
        "title": "Barn som upplever våld",
        "slug": "barn-som-upplever-vald",
        "intro": (
            "Barn som ser, hör eller på annat sätt upplever våld mellan närstående påverkas "
            "allvarligt. Sedan 2021 är det ett brott, barnfridsbrott, att låta ett barn "
            "bevittna sådant våld."
        ),
        "areas": ["barn-som-upplever-vald", "vald-i-nara-relationer"],
        "body": """
<p>Barnet är ett brottsoffer i sin egen rätt och har rätt till skydd och stöd.
Socialtjänsten har ett särskilt ansvar för barn som har utsatts för brott eller
bevittnat våld.</p>
<h2>Om du arbetar med barn</h2>
<p>Yrkesverksamma inom till exempel skola, förskola och hälso- och sjukvård är skyldiga
att genast anmäla till socialtjänsten om de misstänker att ett barn far illa.</p>
<p>Barn och unga kan själva få stöd hos socialtjänsten, skolkuratorn eller en
stödlinje för barn.</p>
""",
    },
    {
        "title": "Våld mot djur och våld mot människor",
        "slug": "vald-mot-djur-och-vald-mot-manniskor",
        "intro": (
            "Den som är våldsam mot djur i en familj är ofta också våldsam mot människor. "
            "Att fråga om djuren kan hjälpa yrkesverksamma att upptäcka våld."
        ),
        "areas": ["vald-mot-djur", "vald-i-nara-relationer"],
        "body": """
<p>Hot mot eller våld mot ett husdjur kan användas för att skrämma och kontrollera en
partner eller ett barn. Oro för djuret kan också göra att en våldsutsatt person stannar
kvar i en farlig relation.</p>
<h2>Vad yrkesverksamma kan göra</h2>
<ul>
<li>Fråga om det finns djur i hemmet och hur de har det.</li>
<li>Samverka mellan socialtjänst, polis och länsstyrelsens djurskyddskontroll.</li>
<li>Ta med djuren i planeringen när en våldsutsatt person behöver skyddat boende.</li>
</ul>
""",
    },
]

# News (*Aktuellt*): national items under the home page's news page, Stockholm's under its
# county page's. Days are counted back from the day the demo is loaded.
NEWS = {
    None: [
        {
            "title": "Länsstyrelserna lämnar sina lägesrapporter",
            "slug": "lansstyrelserna-lamnar-sina-lagesrapporter",
            "days_ago": 3,
            "intro": (
                "Varje länsstyrelse har sammanfattat årets arbete mot mäns våld mot kvinnor: "
                "resultat och effekter, utvecklingen i länet och vilket stöd kommunerna behöver."
            ),
            "areas": ["vald-i-nara-relationer"],
            "body": """
<p>Lägesrapporterna bygger på länsstyrelsernas kommunbesök, nätverk, utbildningar och den
årliga enkäten till kommunerna. Länsstyrelsen i Stockholms län sammanställer rapporterna till
en nationell bild.</p>
<p>Rapporterna från varje län finns på länets sida när de har fastställts.</p>
""",
        },
        {
            "title": "Ny vägledning om barn som upplever våld",
            "slug": "ny-vagledning-om-barn-som-upplever-vald",
            "days_ago": 12,
            "intro": (
                "Att låta ett barn bevittna våld mellan närstående är ett brott sedan 2021. En ny "
                "vägledning hjälper socialtjänst, skola och hälso- och sjukvård att agera."
            ),
            "areas": ["barn-som-upplever-vald"],
            "body": """
<p>Vägledningen beskriver vad yrkesverksamma kan göra när ett barn berättar om våld hemma,
hur man gör en orosanmälan och hur samverkan med polisen går till.</p>
""",
        },
    ],
    "01": [
        {
            "title": "Öppen länskonferens om hedersrelaterat våld och förtryck",
            "slug": "oppen-lanskonferens-om-hedersrelaterat-vald",
            "days_ago": 1,
            "intro": (
                "Länsstyrelsen i Stockholms län bjuder in yrkesverksamma i länet till en "
                "konferensdag om skydd, stöd och samverkan. Anmälan görs i kalendern."
            ),
            "areas": ["hedersrelaterat-vald"],
            "body": """
<p>Under dagen medverkar Nationella kompetensteamet mot hedersrelaterat våld och förtryck,
socialtjänsten och polisen. Konferensen vänder sig till socialtjänst, skola och
hälso- och sjukvård.</p>
""",
        },
        {
            "title": "Kvinnofridsnätverket välkomnar nya kommuner",
            "slug": "kvinnofridsnatverket-valkomnar-nya-kommuner",
            "days_ago": 9,
            "intro": (
                "Nätverket för kommunernas kvinnofridssamordnare träffas fyra gånger om året. "
                "Nu finns plats för fler kommuner i länet."
            ),
            "areas": ["vald-i-nara-relationer"],
            "body": """
<p>I nätverket delar samordnarna erfarenheter, får omvärldsbevakning och stöd i att
genomföra den nationella strategin lokalt. Läs mer om hur man går med under Nätverk i
länet.</p>
""",
        },
        {
            "title": "Kartläggning av kommunernas arbete med våldsutövare",
            "slug": "kartlaggning-av-kommunernas-arbete-med-valdsutovare",
            "days_ago": 30,
            "intro": (
                "Länsstyrelsen har kartlagt hur länets kommuner arbetar med personer som "
                "utövar våld. Resultaten presenteras för kommunerna under våren."
            ),
            "areas": ["personer-som-utovar-vald"],
            "body": """
<p>Kartläggningen visar att arbetet har utvecklats, men att det skiljer sig mycket mellan
kommunerna. Länsstyrelsen erbjuder metodstöd till de kommuner som vill utveckla sitt
arbete.</p>
""",
        },
    ],
}

# The county page's public networks and staff contacts in the demo: fictitious people, and a
# phone number from the series PTS keeps for fiction (070-174 06 05 to 070-174 06 99).
STOCKHOLM_BOARD = "Länsstyrelsen i Stockholms län"
STOCKHOLM_PUBLIC_CONTACTS = [
    ("Eva Exempel", "Samordnare mot mäns våld mot kvinnor", "070-174 06 50", "eva@example.org"),
    ("Farid Fiktiv", "Handläggare, hedersrelaterat våld och förtryck", "", "farid@example.org"),
]
STOCKHOLM_PUBLIC_NETWORK = {
    "public_description": (
        "Ett nätverk för kommunernas kvinnofridssamordnare i Stockholms län: "
        "erfarenhetsutbyte, omvärldsbevakning och stöd i att genomföra den nationella "
        "strategin lokalt. Nätverket träffas fyra gånger om året."
    ),
    "how_to_join": (
        "Nätverket är öppet för den som samordnar arbetet mot våld i en kommun i länet. "
        "Skriv till länsstyrelsens samordnare, så skickar vi inbjudan till nästa träff."
    ),
}
