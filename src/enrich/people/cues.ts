// Hand-written cue words for telling people from other capitalised names: titles, organisation and place head
// words, name particles, reporting verbs. Written for this project (MIT, like the rest of Clippings); all lowercase.

const words = (text: string): Set<string> => new Set(text.trim().split(/\s+/))

/** Titles and honorifics that precede a name and are not part of it ("President Vladimir Putin"). */
export const TITLES = words(`
  mr mr. mrs mrs. ms ms. miss dr dr. sir dame lord lady madam madame mme mme. mlle m. messrs herr
  president vice prime premier minister ministers chancellor secretary deputy acting interim former late
  king queen prince princess crown emperor empress sultan emir sheikh shaikh sheik ayatollah imam mullah
  pope cardinal archbishop bishop rev rev. reverend father brother sister mother rabbi patriarch mufti monsignor
  saint
  general gen gen. colonel col col. major maj maj. captain capt capt. lieutenant lt lt. sergeant sgt sgt.
  admiral adm adm. marshal commander commandant brigadier corporal private officer
  senator sen sen. representative rep rep. congressman congresswoman governor gov gov. mayor
  judge justice magistrate prosecutor attorney counsel lawyer
  ambassador envoy consul diplomat commissioner ombudsman speaker chairman chairwoman chairperson chair
  director manager chief executive president-elect spokesman spokeswoman spokesperson
  coach trainer striker midfielder defender goalkeeper keeper forward captain skipper champion
  dictator strongman leader adviser advisor aide counsellor councillor councilor delegate negotiator strategist
  economist analyst commentator
  foreign interior defence defense finance economy trade justice labour labor health education
  agriculture energy transport culture
  excellency highness majesty honourable honorable
`)

/** Role nouns that introduce a name when written in lower case before it ("analyst Umed Jaihani"). */
export const ROLE_WORDS = words(`
  analyst expert observer economist official spokesman spokeswoman spokesperson minister president leader
  author writer journalist correspondent reporter editor columnist photographer artist painter poet composer
  singer actor actress director producer player striker midfielder defender goalkeeper coach manager captain
  champion winner rider driver runner cyclist boxer skier swimmer jockey trainer
  chairman chairwoman chief executive founder owner head deputy governor mayor ambassador envoy
  premier chancellor senator judge prosecutor lawyer attorney dissident activist opponent rival colleague
  professor scientist researcher doctor father mother son daughter brother sister wife husband widow
  uncle aunt cousin nephew niece grandson granddaughter
  mr mrs ms dr
`)

/** Lower-case words between given name and surname ("Nikolaus van der Pas", "Osama bin Laden"). */
export const NAME_PARTICLES = words(`van von der den de del della dei di da das dos du le la bin ibn ter ten y e al el zu`)

/** Head words that make a capitalised phrase an organisation, place, venue, event or work, not a person. */
export const NON_PERSON_HEADS = words(`
  united city town county state states republic kingdom federation union emirates islands island isles
  club fc afc sc ac cf bk rovers wanderers athletic athletico atletico rangers sporting dynamo olympique
  hotspur albion villa town borough county orient argyle
  bank banks fund funds capital securities holdings group groups company companies corp corp. corporation
  inc inc. ltd ltd. plc co co. llc ag sa nv gmbh industries industry international motors airlines airways
  systems technologies technology electric electronics energy oil petroleum gas mining steel foods pharma
  partners associates trust insurance exchange market markets index
  party parties ministry ministries department office bureau agency agencies service services council councils
  committee commission association institute institution foundation organisation organization society
  movement front alliance coalition league cup open championship championships games olympics tournament
  trophy prix grand
  government administration parliament assembly senate congress cabinet court tribunal police army navy
  forces force guard guards command army
  university college academy school schools hospital clinic museum library gallery theatre theater cinema
  church cathedral mosque temple monastery palace castle tower hall square garden gardens park stadium arena
  street avenue road boulevard lane bridge station airport port harbour harbor
  river lake sea ocean gulf bay mountain mountains valley desert plain plateau peninsula coast strait canal
  basin delta reef ridge creek canyon glacier lagoon archipelago estuary fjord
  province region district territory prefecture oblast
  news press times post journal herald gazette tribune daily weekly magazine television radio agency
  treaty accord agreement summit conference forum declaration protocol plan act law
  war revolution day week festival awards award prize
  centre center memorial monument amphitheatre amphitheater pavilion infirmary auditorium dome coliseum colosseum
  project programme program initiative
  channel network newsroom desk bureau
  reuters reuter interfax xinhua tass itar-tass afp ap upi dpa kyodo ansa efe bernama antara anatolian irna mena pap ctk mti bta tanjug yonhap
`)

/** Words that, right after a name, show it is a person speaking or acting ("Fischler said"). */
export const SPEECH_VERBS = words(`
  said says say told tells added adds asked asks explained explains noted notes argued argues
  believes believed thinks thought warned warns stressed stresses emphasised emphasized emphasizes
  emphasises insisted insists recalled recalls wrote writes replied replies admitted admits
  announced announces denied denies urged urges claimed claims
  who whose himself herself
`)

/** Place and organisation abbreviations written with dots, which look like initials ("U.S. Navy"). */
export const DOTTED_NON_NAMES = words(`u.s. u.k. u.n. e.u. u.s.a. u.a.e. d.c. n.y. l.a. s.a. p.m. a.m. st. mt. ft. no. vs. v.
  f.c. a.s. s.c. a.c. c.f. s.s. a.g. n.v. s.p.a. b.v. p.l.c. c.d. s.d. r.c. s.k. f.k. n.k. p.o.`)

/** Abbreviations whose full stop belongs to the word, not the sentence. */
export const ABBREVIATIONS = words(`mr mrs ms dr st mt ft jr sr gen col lt sgt capt maj adm rev gov sen rep prof messrs mme mlle no vs inc ltd corp co`)

/** Generational suffixes kept as part of a name ("Martin Luther King Jr."). */
export const NAME_SUFFIXES = words(`jr jr. sr sr. ii iii iv`)

/** Words that introduce a list of players or scorers, where bare surnames are people. */
export const PLAYER_LIST_CUES = words(`scorers scorer goalscorers goalscorer scorers: sent-off booked`)

/** Capitalised words for faiths, movements and parties, which behave like nationality adjectives ("Roman Catholic"). */
export const AFFILIATIONS = words(`
  catholic catholics protestant protestants christian christians muslim muslims moslem moslems islamic islamist
  islamists jewish jews jew orthodox buddhist buddhists hindu hindus sikh sikhs sunni sunnis shi'ite shi'ites shiite
  shiites shia evangelical anglican lutheran methodist baptist mormon
  communist communists socialist socialists democrat democrats democratic republican republicans conservative
  conservatives liberal liberals labour tory tories nazi nazis marxist marxists maoist maoists nationalist nationalists
  separatist separatists royalist royalists
`)

/** Continents, regions and former states that gazetteers of today's countries and cities leave out. */
export const EXTRA_PLACES = words(`
  europe asia africa america americas antarctica oceania australasia eurasia arctic antarctic atlantic pacific
  britain yugoslavia czechoslovakia ussr kurdistan scandinavia balkans caucasus siberia sahara sahel levant
  mediterranean baltic baltics gulf midwest
`)

/** Endings that mark a word as a surname in many languages ("Maskhadov", "Shevchenko", "Popescu", "Ahmadzadeh"). */
export const SURNAME_ENDINGS = /(?:ov|ova|ev|eva|yev|yeva|enko|chenko|sky|skiy|ski|ska|vich|vic|wicz|escu|zadeh|zade|zoda|poulos|akis|oglu|ian|yan|dze|shvili|sson|ssen|berg|stein|mann)$/

/**
 * Nouns for a person of a nation, used like a title before a name ("Briton Ian Woosnam", "Finn Juha Kankkunen"),
 * and the "-ish" adjectives the lexicon's demonym list lacks ("the former British colony").
 */
export const NATIONALITY_NOUNS = words(`
  british irish english spanish polish danish swedish finnish turkish kurdish flemish cornish
  briton britons brit brits scot scots swede swedes dane danes pole poles turk turks serb serbs croat croats
  kurd kurds arab arabs finn finns czech czechs slovak slovaks slovene slovenes thai thais greek greeks
  frenchman frenchwoman frenchmen englishman englishwoman englishmen dutchman dutchwoman dutchmen irishman
  irishwoman scotsman scotswoman welshman welshwoman kiwi kiwis aussie aussies yank yankee
`)

/** Compass initials that abbreviate a place ("S. Africa", "N. Korea"), not a given name. */
export const COMPASS_INITIALS = words(`n. s. e. w.`)

/** Months and weekdays, which given-name lists also hold ("April", "June") but which open dates, not names. */
export const CALENDAR_WORDS = words(`january february march april may june july august september october november december
  monday tuesday wednesday thursday friday saturday sunday easter christmas`)

/** Religious titles that, before a single given name, are part of how the person is known ("Mother Teresa"). */
export const RELIGIOUS_TITLES = words(`mother sister father brother pope`)

/** Number words, which given-name lists also hold ("Nine") but which open amounts and periods ("Nine Mths"). */
export const NUMBER_WORDS = words(`one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
  sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand`)

/** Amount words after which a capitalised word is a currency or unit ("7.15 billion N.Z. Dlrs"), not a person. */
export const AMOUNT_WORDS = words(`million millions billion billions trillion thousand thousands mln bln pct percent`)

/** Words that introduce a photo credit ("Photo: Jane Doe", "Picture by Jane Doe"). */
export const CREDIT_WORDS = words(`photo photos photograph photographs photographer picture pictures image images credit
  credits illustration courtesy video images getty`)

/** Closed-class words (pronouns, determiners, conjunctions, prepositions, auxiliaries), which no surname is. */
export const FUNCTION_WORDS = words(`
  i me my we us our you your he him his she her it its they them their this that these those there here
  who whom whose which what when where why how everyone everybody everything someone somebody something anyone
  anybody anything no none nobody nothing all any some each every both either neither other another such
  a an the and or but nor so yet if then than as at by for from in into of off on onto out over to up with
  is are was were be been being am do does did have has had will would shall should can could may might must
  not also only just very too
`)

/**
 * Words that open an organisation's name in languages that put the head noun first ("Agence France-Presse",
 * "Societe Generale", "Banco Central", "Bank Negara").
 */
export const ORGANISATION_OPENERS = words(`bank agence banco banca banque societe compagnie companhia compania instituto institut
  istituto universidad universite universidade universita grupo groupe ministerio ministere`)

/** Articles of other languages that open a capitalised run ("Het Comite", "Les Echos"): never part of a name. */
export const FOREIGN_ARTICLES = words(`het les los las il gli`)

/** Words that open place names ("Santa Barbara", "Fort Worth", "Port Harcourt"), never a person's name. */
export const PLACE_OPENERS = words(`santa santo san sao los las fort port mount lake cape isla puerto porto`)
