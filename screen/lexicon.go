package screen

// The lexicons below are the vocabulary the rules look for. Each entry is a
// phrase matched as whole words after folding (package fold), so "Crypto",
// "𝐜𝐫𝐲𝐩𝐭𝐨" and "CRYPTO" are one entry, and "forex" never matches inside
// "forexample". They are data, compiled into fold.Matchers once per Engine.
//
// Keep entries specific: a word that ordinary professionals use every day
// ("opportunity", "growth") belongs in no scam list on its own.

// weighted is a phrase and how much scam evidence it carries: 3 is enough
// on its own, 2 needs one more sign, 1 only adds to others.
type weighted struct {
	phrase string
	weight int
}

// recruiterTitles mark a sender whose job is hiring for others.
var recruiterTitles = []string{
	"recruiter", "recruiting", "recruitment", "talent acquisition", "talent partner",
	"talent sourcer", "sourcer", "headhunter", "head hunter", "executive search",
	"staffing", "technical recruiter", "hr business partner", "people partner",
	"talent scout", "we are hiring", "we're hiring",
}

// salesTitles mark a sender whose job is selling.
var salesTitles = []string{
	"sales", "account executive", "account manager", "business development",
	"bdr", "sdr", "sales development", "business developer", "growth hacker",
	"lead generation", "demand generation", "partnerships manager", "agency owner",
	"i help", "we help", "helping companies", "helping businesses", "helping founders",
	"revenue", "closing deals", "b2b", "outbound", "customer acquisition",
	"solutions consultant", "sales engineer", "channel manager", "commercial director",
}

// pitchPhrases are unsolicited selling in a note (seed 002: "directly
// pitching your business unsolicited is usually not welcome").
var pitchPhrases = []string{
	"our solution", "our platform", "our product", "our services", "our agency",
	"book a call", "book a demo", "schedule a demo", "quick demo", "free demo",
	"free trial", "discount", "special offer", "limited offer", "pricing",
	"15 minutes", "15 min", "quick call", "10 minutes", "20 minutes", "30 minutes",
	"increase your revenue", "grow your business", "scale your business",
	"generate leads", "more leads", "qualified leads", "appointments per month",
	"roi", "cut costs", "save you", "we specialize in", "we specialise in",
	"i help companies", "i help businesses", "we help companies", "we help businesses",
	"would you be open to", "are you the right person", "decision maker",
	"outsourcing", "white label", "seo services", "web development services",
	"app development services", "offshore", "dedicated developers",
}

// massInvitePhrases mark invitations sent to everyone with a title
// (seed 002: "targeting someone because of their job title").
var massInvitePhrases = []string{
	"connecting with leaders", "connect with leaders", "connecting with executives",
	"expanding my network", "expand my network", "grow my network", "growing my network",
	"professionals like you", "leaders like you", "people like you",
	"like minded professionals", "like-minded professionals", "fellow professionals",
	"connecting with professionals", "building my network", "add you to my network",
	"looking to connect with", "i came across your profile", "came across your profile",
}

// investmentScam: promised returns, crypto and forex schemes.
var investmentScam = []weighted{
	{"guaranteed returns", 3}, {"guaranteed return", 3}, {"guaranteed profit", 3}, {"guaranteed profits", 3},
	{"double your", 2}, {"daily profit", 3}, {"daily profits", 3}, {"weekly profit", 3},
	{"binary options", 3}, {"trading signals", 2}, {"crypto trading", 2}, {"bitcoin trading", 2},
	{"forex", 1}, {"passive income", 2}, {"investment opportunity", 2}, {"investment platform", 2},
	{"financial freedom", 1}, {"risk free", 2}, {"risk-free", 2}, {"returns of", 1}, {"earn up to", 2},
	{"usdt", 2}, {"mining pool", 2}, {"liquidity mining", 2}, {"trading account", 1},
	{"expert trader", 2}, {"copy trading", 2}, {"my mentor", 1}, {"withdraw your profits", 3},
	{"daily returns", 3}, {"daily return", 3}, {"weekly returns", 3}, {"monthly returns", 2},
	{"daily roi", 3}, {"crypto arbitrage", 2}, {"arbitrage", 1}, {"trading bot", 2}, {"fully automated", 1},
	{"returns per day", 3}, {"profit per day", 3}, {"minimum deposit", 3}, {"initial deposit", 2},
	{"investment plan", 2}, {"mining contract", 3}, {"cloud mining", 2}, {"recover your funds", 3},
	{"recover lost funds", 3}, {"fund recovery", 3},
}

// cryptoWords on their own are a weak signal: many honest people work in
// blockchain. They only add to other scam evidence.
var cryptoWords = []string{"crypto", "cryptocurrency", "bitcoin", "btc", "ethereum", "nft", "web3", "token presale"}

// romanceScam: dating-style approaches (seed 002: "connecting from a
// personal profile ... from a dating app profile").
var romanceScam = []weighted{
	{"my dear", 2}, {"sweetheart", 3}, {"soulmate", 3}, {"soul mate", 3}, {"my love", 3},
	{"looking for love", 3}, {"looking for a partner", 2}, {"serious relationship", 3},
	{"your smile", 3}, {"your beauty", 3}, {"pretty lady", 3}, {"gorgeous", 2}, {"handsome", 2},
	{"caught my eye", 2}, {"your profile picture", 2}, {"your pictures", 2}, {"lonely", 2},
	{"widow", 1}, {"widower", 1}, {"single mother", 1}, {"single father", 1},
	{"beautiful", 1}, {"dear friend", 1}, {"honey", 2}, {"friendship", 1},
	{"god fearing", 1}, {"god-fearing", 1}, {"kind hearted", 1}, {"kind-hearted", 1},
	{"get to know you better", 1}, {"know each other better", 1}, {"you look", 1},
}

// advanceFee: fake jobs, fees up front, inheritance and lottery stories.
var advanceFee = []weighted{
	{"registration fee", 3}, {"processing fee", 3}, {"training fee", 3}, {"application fee", 2},
	{"upfront fee", 3}, {"pay a fee", 3}, {"refundable fee", 3}, {"work from home", 1},
	{"no experience needed", 2}, {"no experience required", 2}, {"per day from home", 3},
	{"make money online", 3}, {"kindly", 1}, {"beneficiary", 2}, {"next of kin", 3},
	{"inheritance", 2}, {"fund transfer", 2}, {"transfer of funds", 2}, {"compensation fund", 3},
	{"lottery", 2}, {"you have won", 3}, {"million dollars", 2}, {"million usd", 2},
	{"western union", 3}, {"moneygram", 3}, {"gift card", 2}, {"gift cards", 2},
	{"wire transfer", 2}, {"consignment", 2}, {"diplomat", 1}, {"barrister", 1},
	{"send your details", 2}, {"bank details", 2}, {"your bank account", 2},
	{"personal assistant needed", 3}, {"mystery shopper", 3}, {"package reshipping", 3}, {"reshipping", 3},
	{"trustworthy person", 2}, {"trusted person", 2}, {"peacekeeping mission", 2}, {"consignment box", 3},
	{"help me move", 2}, {"reply me", 1}, {"weekly salary", 2}, {"weekly pay", 2}, {"daily pay", 2},
	{"salary of", 1}, {"part-time position", 1}, {"part time position", 1}, {"part-time job", 1},
	{"part time job", 1}, {"earn from home", 3}, {"per week", 1}, {"per day", 1}, {"no interview", 2},
	{"hired immediately", 2}, {"data entry", 1}, {"check deposit", 3}, {"send you a check", 3},
}

// phishing: account alarms and credential requests.
var phishing = []weighted{
	{"account suspended", 3}, {"account has been suspended", 3}, {"account will be suspended", 3},
	{"account restricted", 3}, {"account has been restricted", 3}, {"account will be restricted", 3},
	{"verify your account", 3}, {"verify your identity", 3}, {"confirm your identity", 3},
	{"confirm your account", 3}, {"validate your account", 3}, {"security alert", 2},
	{"unusual activity", 2}, {"unusual sign in", 2}, {"unusual login", 2}, {"login here", 2},
	{"log in here", 2}, {"sign in here", 2}, {"reset your password", 2}, {"your password", 2},
	{"click here", 1}, {"click the link", 1}, {"linkedin support team", 3},
	{"linkedin security team", 3}, {"trust and safety team", 2}, {"avoid suspension", 3},
	{"permanently disabled", 3}, {"policy violation", 2},
}

// offPlatform: pushes to move the conversation where LinkedIn cannot see it.
var offPlatform = []weighted{
	{"text me", 1}, {"message me on", 1}, {"contact me on", 1}, {"reach me on", 1}, {"add me on", 1},
	{"chat on whatsapp", 1}, {"on whatsapp", 1}, {"via whatsapp", 1}, {"whatsapp me", 1}, {"my whatsapp", 1},
	{"your whatsapp", 1}, {"whatsapp number", 1}, {"on telegram", 1}, {"via telegram", 1}, {"my telegram", 1},
	{"your telegram", 1}, {"telegram handle", 1}, {"on wechat", 1}, {"on signal", 1}, {"my number", 1},
	{"email me at", 1}, {"my personal email", 1}, {"my private email", 1}, {"private email", 1},
}

// urgency: pressure to act before thinking.
var urgency = []weighted{
	{"urgent", 1}, {"urgently", 1}, {"immediately", 1}, {"act now", 1}, {"act fast", 1},
	{"limited time", 1}, {"within 24 hours", 1}, {"within 48 hours", 1}, {"asap", 1},
	{"last chance", 1}, {"today only", 1}, {"don't miss", 1}, {"dont miss", 1},
	{"expires today", 1}, {"final notice", 1}, {"right away", 1},
}

// promotedCount: headlines that advertise the size of a network (Mandel's
// first disqualifier; opt-in through disqualify_promoted_connection_count).
var promotedCount = []string{
	"lion", "l.i.o.n", "open networker", "open networking", "toplinked", "top linked",
	"i accept all", "accept all invitations", "accepts all invitations", "never idk",
	"never i dont know", "never i don't know", "connections", "followers", "500+",
	"30k", "30k+", "25k+", "20k+", "10k+", "15k+", "followers+",
}

// controversial: highly political or religious self-descriptions (seed 003;
// opt-in through decline_controversial).
var controversial = []string{
	"political activist", "activist", "maga", "patriot", "resist", "antifa",
	"pro-life", "pro life", "pro-choice", "pro choice", "evangelist", "preacher",
	"prophet", "apostle", "culture war", "woke", "anti-woke", "anti woke",
	"conspiracy", "truth seeker", "freedom fighter", "political commentator",
}

// parodyMarkers: accounts that say they are not who they name.
var parodyMarkers = []string{"parody", "fan account", "fan page", "not the real", "not affiliated", "satire", "impersonator"}

// famousNames are people whose names fake accounts borrow. A profile with
// one of these names and no verification badge is very likely not them.
var famousNames = []string{
	"elon musk", "bill gates", "jeff bezos", "mark zuckerberg", "warren buffett",
	"satya nadella", "sundar pichai", "tim cook", "oprah winfrey", "richard branson",
	"reid hoffman", "ryan roslansky", "jeff weiner", "sheryl sandberg", "jack ma",
	"larry page", "sergey brin", "steve jobs", "melinda gates", "mackenzie scott",
	"jensen huang", "sam altman", "jamie dimon", "larry fink", "michael dell",
	"mary barra", "indra nooyi", "arianna huffington", "gary vaynerchuk", "simon sinek",
	"tony robbins", "barack obama", "donald trump", "joe biden", "cristiano ronaldo",
	"lionel messi", "taylor swift", "kim kardashian", "angela merkel", "emmanuel macron",
}

// genericTitles are headlines that say nothing about a real job.
var genericTitles = []string{
	"ceo", "entrepreneur", "businessman", "business woman", "businesswoman",
	"business owner", "investor", "self employed", "self-employed", "manager", "director",
	"consultant", "professional", "engineer", "student", "freelancer", "private investor",
	"philanthropist", "owner", "founder", "trader", "ceo/founder", "ceo & founder",
	"international business", "oil and gas", "military", "doctor", "nurse",
	"us army", "u.s. army", "civil engineer", "retired", "widow",
}

// noteIntro says who the sender is.
var noteIntro = []string{
	"i'm", "im", "i am", "my name is", "my name's", "this is", "i work", "i lead",
	"i run", "i teach", "i study", "i'm a", "i am a", "as a", "we met", "we worked",
	"i manage", "i build", "i design", "i research", "i organise", "i organize", "i host",
}

// noteReason says why they connect.
var noteReason = []string{
	"because", "would love to", "would like to", "i'd love to", "i'd like to",
	"hoping to", "hope to", "keen to", "interested in", "enjoyed", "loved your",
	"liked your", "read your", "saw your", "your talk", "your post", "your article",
	"your work", "your book", "your paper", "your podcast", "your session",
	"your presentation", "your comment", "we met", "met you", "great meeting",
	"great to meet", "nice meeting", "nice to meet", "worked together", "work together",
	"stay in touch", "keep in touch", "exchange ideas", "swap notes", "compare notes",
	"learn from", "learn more", "collaborate", "our mutual", "mutual friend",
	"recommended", "suggested i reach out", "referred me", "same team", "same school",
	"fellow", "also work", "also working", "also based", "also from",
	"we're both", "we are both", "both speaking", "both attending", "both work", "meet up",
	"see you at", "saw you at", "heard you speak", "your team", "reached out because",
	"great chat", "nice chatting", "great chatting", "enjoyed our chat", "enjoyed chatting",
	"our conversation", "our chat", "we talked", "we spoke", "sat next to", "thanks for the", "thank you for the",
}

// keepInTouchNote: the sender already knows the user.
var keepInTouchNote = []string{
	"great meeting", "great to meet", "nice meeting", "nice to meet", "good to meet",
	"we met", "met you", "worked together", "working together", "worked with you",
	"stay in touch", "keep in touch", "reconnect", "long time", "catch up", "former colleague",
	"old colleague", "classmate", "we studied", "same team", "our project",
	"great chat", "sat next to", "our chat", "our conversation", "we talked", "we spoke",
}

// introduceNote: the sender offers their network.
var introduceNote = []string{
	"introduce you", "introduction", "intro you", "connect you with", "put you in touch",
	"our mutual", "mutual friend", "mutual connection", "suggested i reach out",
	"suggested we connect", "recommended i connect", "referred me", "asked me to reach out",
}

// careerNote: a role, a project, an opportunity.
var careerNote = []string{
	"role", "position", "opening", "vacancy", "opportunity", "job", "hiring",
	"recruiting", "your background", "your experience", "career", "contract",
	"freelance project", "consulting project", "collaboration", "partnership",
}

// learnNote: curiosity about the user's work.
var learnNote = []string{
	"your talk", "your post", "your article", "your work", "your book", "your paper",
	"your podcast", "your session", "your presentation", "your research", "your comment",
	"learn from", "learn more about", "your insights", "your perspective", "follow your",
	"enjoyed", "read your", "saw your", "watched your", "listened to",
}

// mistakeNote: the sender says it was an accident.
var mistakeNote = []string{
	"by mistake", "by accident", "accidentally", "wrong person", "misclick", "clicked by",
	"sorry wrong", "didn't mean to", "did not mean to",
}

// careerHistory: a note that recites a CV (seed 001: avoid a long career
// history; one or two sentences are best).
var careerHistory = []string{
	"years of experience", "years experience", "over a decade", "worked at", "previously at",
	"previously worked", "before that", "prior to", "my career", "my background", "i have worked",
	"i've worked", "served as", "held roles", "spent years",
}

// freeMailDomains are consumer mail providers. On their own they mean
// nothing; with a corporate-sounding profile they are one more red flag
// (seed 003: "Yahoo/Hotmail emails").
var freeMailDomains = []string{
	"gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "ymail.com", "hotmail.com",
	"hotmail.co.uk", "outlook.com", "live.com", "msn.com", "aol.com", "mail.com",
	"mail.ru", "yandex.ru", "yandex.com", "gmx.com", "gmx.net", "gmx.de", "web.de",
	"protonmail.com", "proton.me", "icloud.com", "me.com", "zoho.com", "qq.com",
	"163.com", "126.com", "rediffmail.com", "inbox.com", "tutanota.com",
}

// shorteners hide where a link goes.
var shorteners = []string{
	"bit.ly", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd", "buff.ly", "rebrand.ly",
	"cutt.ly", "shorturl.at", "tiny.cc", "rb.gy", "lnkd.in.example", "s.id", "v.gd",
	"t.ly", "bl.ink", "short.io", "tr.im", "cli.gs", "qr.net", "x.co", "shorte.st",
	"adf.ly", "linktr.ee",
}

// chatLinks lead off LinkedIn to a messenger.
var chatLinks = []string{"wa.me", "chat.whatsapp.com", "api.whatsapp.com", "t.me", "telegram.me", "signal.me", "line.me"}

// riskyTLDs are top-level domains that cheap, throw-away scam sites favour.
var riskyTLDs = []string{
	"xyz", "top", "click", "loan", "work", "gq", "tk", "ml", "cf", "ga", "buzz",
	"rest", "zip", "mov", "cam", "icu", "cyou", "sbs", "monster", "country", "stream",
}

// trustedBrands are the domains that look-alike links imitate.
var trustedBrands = []string{"linkedin", "microsoft", "paypal", "google", "apple", "amazon", "binance", "coinbase", "docusign", "dropbox", "outlook", "office365"}
