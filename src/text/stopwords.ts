/**
 * Hand-written stop-word lists: function words only (articles, pronouns, auxiliaries,
 * prepositions, conjunctions), in {@link foldForMatch} form (lower-case, no diacritics).
 *
 * Deliberately NOT stop words: negations (not, nicht, pas, no/não, nie, не, değil, ei, لا …) and
 * "without" words, because a dropped negation flips a sentence's meaning and comparing versions
 * must see it; and speech verbs like "said", which attribution detection relies on.
 */

const LISTS: Record<string, string> = {
  en: `a about above across after again against ago all along also although am amid among an and
    any are around as at be because been before behind being below beside between beyond both but by
    can could did do does doing down during each either else ever every few for from further had has
    have having he her here hers herself him himself his how however i if in into is it its itself
    just let like may me might mine more most much must my myself near of off on once only onto or
    other others ought our ours ourselves out over own per same shall she should since so some such
    than that the their theirs them themselves then there these they this those though through thus
    to too toward towards under unless until up upon us very via was we were what whatever when
    whenever where whereas whether which while who whoever whom whose why will with within would yet
    you your yours yourself yourselves 's 're 've 'd 'll 'm i'm you're we're they're i've you've
    we've they've i'd you'd he'd she'd we'd they'd i'll you'll he'll she'll we'll they'll`,
  de: `aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes
    auch auf aus bei beim bin bis bist bzw da dabei dadurch dafur dagegen damit dann daran darauf
    daruber darum das dass dein deine dem den denen denn der deren des dessen dich die dies diese
    diesem diesen dieser dieses dir doch dort du durch ein eine einem einen einer eines einige er es
    etwa etwas euch euer eure fur gegen gewesen hab habe haben hat hatte hatten her hier hin hinter
    ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im in indem ins ist ja jede jedem jeden jeder
    jedes jene jenem jenen jener jenes jetzt kann konnen konnte konnten man manche mein meine meinem
    meinen meiner mich mir mit muss mussen musste nach nachdem neben nun nur ob oder sehr sei seid
    sein seine seinem seinen seiner seines seit selbst sich sie sind so solche solchen soll sollen
    sollte sollten sondern sowie uber um und uns unser unsere unserem unseren unserer unter vom von
    vor wahrend war waren warst was weil welche welchem welchen welcher welches wenn wer werde werden
    wie wieder will wir wird wirst wo wollen wollte worden wurde wurden zu zum zur zwar zwischen`,
  es: `a al algo alguna algunas alguno algunos ante antes aquel aquella aquellas aquellos aqui asi
    aunque cada como con contra cual cuales cuando de del desde donde durante e el ella ellas ello
    ellos en entonces entre era eramos eran eres es esa esas ese eso esos esta estaba estaban estado
    estamos estan estar estas este esto estos estoy fue fueron fui ha habia habian habra han has
    hasta hay he hemos hacia la las le les lo los mas me mi mientras mis mucho muchos muy nos
    nosotras nosotros nuestra nuestras nuestro nuestros o os otra otras otro otros para pero poco
    por porque pues que quien quienes se sea sean segun ser sera seran seria si sido siendo sino so
    sobre sois somos son soy su sus suya suyas suyo suyos tambien tanto te tenia tiene tienen todo
    todos tras tu tus u un una unas uno unos usted ustedes vosotros y ya yo`,
  fr: `a afin ainsi alors apres au aucuns aussi autre autres aux avaient avais avait avant avec avez
    avons ayant c' car ce ceci cela celle celles celui cependant certains ces cet cette ceux chacun
    chaque chez comme comment d' dans de depuis des donc dont du elle elles en encore entre est et
    etaient etais etait etant ete etre eu eux j' je jusqu' l' la le les leur leurs lors lorsqu'
    lorsque lui m' ma mais me meme mes moi mon nos notre nous on ont ou par parce pendant peu
    peut pour pourquoi puis puisqu' puisque qu' quand que quel quelle quelles quels qui quoi s' sa
    se selon sera serait seront ses si sien sienne soi soit son sont sous suis sur t' ta te tes
    toi ton toujours tous tout toute toutes tres tu un une vers voici voila vos votre vous y`,
  it: `a ad agli ai al alla alle allo all' anche avere aveva avevano c' che chi ci cio come con cosi
    cui da dagli dai dal dalla dalle dallo dall' degli dei del della delle dello dell' di dopo dove
    durante e ed era erano essere essi fra gia gli ha hanno ho i il in io l' la le lei li lo loro
    lui ma mentre mi mia mie miei mio ne negli nei nel nella nelle nello nell' noi nostra nostre
    nostri nostro o ogni per perche pero poi presso qual quale quali quando quanto quella quelle
    quelli quello quell' questa queste questi questo quest' se sempre si sia siamo siano sono sta
    stata state stati stato su sua sue sugli sui sul sulla sulle sullo sull' suo suoi te ti tra tu
    tutta tutte tutti tutto un un' una uno vi voi`,
  pt: `a ainda ao aos apos aquela aquelas aquele aqueles aquilo as ate cada com como da das de dela
    delas dele deles depois desde do dos e ela elas ele eles em entao entre era eram essa essas esse
    esses esta estao estas estava estavam este estes estou eu foi foram ha isso isto ja lhe lhes
    mais mas me mesmo meu meus minha minhas muito na nas nessa nesse nesta neste no nos nossa nossas
    nosso nossos num numa o onde os ou para pela pelas pelo pelos perante pois por porque qual quais
    quando que quem se sendo ser sera seria seu seus sido sob sobre sua suas tambem tao te tem tendo
    ter teu teus tinha tinham tua tuas um uma umas uns voce voces vos`,
  nl: `aan af al alle als bij binnen dan dat de der des deze die dit door dus een eens en er haar had
    hadden heb hebben heeft hem het hier hij hoe hun ik in is je jij jou jouw jullie kan kon konden
    kunnen maar me meer men met mij mijn moet moeten na naar nog nu of om omdat ons onder onze ook op
    over sinds te tegen tijdens toch toen tot tussen u uit uw van veel voor want waren was wat we wel
    werd werden wie wij wil worden wordt zal ze zelf zich zij zijn zo zoals zou zouden`,
  pl: `a aby albo ale bardzo bo by byc był była byli było były bedzie beda co czy dla do gdy gdyz gdzie
    go i ich im inne iz ja jak jaki jako je jego jej jemu jest jestem jeszcze jesli jezeli juz ktora
    ktore ktorego ktorej ktory ktorych ktorym ktorzy lub ma maja mi miał miała mnie mu my na nad
    nam nas nasz nasza nasze naszego o od on ona one oni ono oraz po pod podczas poniewaz przed
    przez przy sa sie siebie sobie swoj swoja swoje swojego ta tak takze tam te tego tej ten to tu
    ty tych tylko tym u w we wiec wszyscy wszystkie wszystko z za ze zeby został została zostało
    zostały`,
  tr: `acaba ama ancak ayrıca bana bazı belki ben beni benim bile bir birkac biz bize bizi bizim bu
    buna bunda bundan bunlar bunları bunu bunun boyle butun cok da daha dahi de defa diye en gibi
    gore hem hep her ile icin ise iste kadar kendi kendine ki kim mi mı mu na ne neden nasıl o olan
    olarak oldu oldugu olup ona onlar onları onların onu onun sen seni senin siz size sizi sizin
    sonra soyle su sey tum ve veya ya yani simdi yine zaten artık bazen herkes hepsi kendisi onlara
    ondan onda suna sunu sunlar benden bende senden bizden sizden oldugunu olmak olur oluyor olacak
    idi imis uzere karsı beri dolayı ragmen once itibaren yerine cunku eger fakat oysa yahut nerede
    hangi`,
  ar: `في من على الى عن مع ان او ثم هذا هذه ذلك تلك هولاء الذي التي الذين اللذين اللتين اللواتي هو هي
    هم هن هما انا نحن انت انتم كان كانت كانوا يكون تكون قد لقد كل بعض بين حتى اذا لكن بل عند منذ خلال
    بعد قبل حول ضد نحو لدى امام عليه عليها عليهم فيه فيها فيهم منه منها منهم له لها لهم به بها بهم
    انه انها انهم اي كما مثل ايضا حيث عندما هناك هنا وقد وكان وهو وهي وفي ومن وعلى الا اما اذ كيف لماذا متى اين هل لان كذلك حين اثناء عبر سوف
    لكي ذات نفس جميع`,
  ru: `а без более бы был была были было быть в вам вас весь во вот все всего всех всю вся вы где да даже
    для до его ее ей ему если есть еще же за здесь и из или им их к как какой когда ко который
    которая которое которые которого которой котором которых кто куда ли лишь между меня мне мной
    мы на над нам нас наш наша наше наши него нее ней нем нему ним них но о об обо он она они оно
    от очень перед по под после при про с себе себя со так также та там те тем то того тоже той
    только том ты у уже хотя чем через что чтобы чье эта эти этим этих это этого этой этом этот я`,
  fi: `ja on se etta oli olla ovat olivat ole olen olet olemme olette olisi ollut olleet han he me te
    mina sina sen sita sille siita siina siihen ne niiden niita niille nama tama taman tassa tasta
    tahan tuo tuon joka jotka jonka joiden joita jota johon jossa josta mika mita mihin missa
    mista kuka kun kuin mutta tai seka eli myos jo nyt vain jos koska kanssa mukaan jalkeen ennen
    aikana niin sitten viela vaikka siis hanen heidan meidan teidan minun sinun kaikki kaikkien
    jokin joku itse oma omat yli alla kautta luona`,
};

// Negations must never count as stop words (see the module comment); enforce it per language so
// a list edit cannot sneak one in ("no" is a negation in Spanish but "in the" in Portuguese).
const NEGATIONS: Record<string, string> = {
  en: "not no nor never neither without n't",
  de: 'nicht kein keine keinem keinen keiner keines nie niemals ohne weder',
  es: 'no ni nunca nada ninguno ninguna sin tampoco',
  fr: "ne n' pas jamais rien aucun aucune non sans ni",
  it: 'non mai nessuno nessuna senza ne',
  pt: 'nao nem nunca nada nenhum nenhuma sem',
  nl: 'niet geen nooit niets zonder',
  pl: 'nie ani nigdy bez zaden zadna',
  tr: 'degil hic yok',
  ar: 'لا لم لن ليس ما غير بدون',
  ru: 'не нет ни никогда без',
  fi: 'ei eivat en et emme ette',
};

const cache = new Map<string, ReadonlySet<string>>();
const EMPTY: ReadonlySet<string> = new Set();

/** 'en-GB' → 'en'; 'pt_BR' → 'pt'. */
function baseLang(lang: string): string {
  const i = lang.search(/[-_]/);
  return (i < 0 ? lang : lang.slice(0, i)).toLowerCase();
}

/**
 * The stop-word set of a language (ISO 639-1, region subtags ignored); empty for languages
 * without a list. Entries are in {@link foldForMatch} form.
 *
 * @example
 * ```ts
 * stopwords('de').has('und'); // => true
 * stopwords('xx').size;       // => 0
 * ```
 */
export function stopwords(lang: string): ReadonlySet<string> {
  const key = baseLang(lang);
  let set = cache.get(key);
  if (!set) {
    const src = LISTS[key];
    if (!src) return EMPTY;
    const neg = new Set((NEGATIONS[key] ?? '').split(' '));
    set = new Set(src.split(/\s+/).filter((w) => w && !neg.has(w)));
    cache.set(key, set);
  }
  return set;
}

/**
 * True if `norm` (a {@link foldForMatch}-folded word) is a stop word of `lang`.
 *
 * @example
 * ```ts
 * isStopword('the', 'en');  // => true
 * isStopword('said', 'en'); // => false (speech verbs matter for attribution)
 * isStopword('not', 'en');  // => false (negations matter)
 * ```
 */
export function isStopword(norm: string, lang: string): boolean {
  return stopwords(lang).has(norm);
}

let union: ReadonlySet<string> | undefined;

/**
 * True if `norm` is a stop word in any language with a list: used where the language is not
 * known yet (sentence segmentation runs before language identification).
 *
 * @example
 * ```ts
 * isStopwordAnyLanguage('die'); // => true
 * ```
 */
export function isStopwordAnyLanguage(norm: string): boolean {
  if (!union) {
    const all = new Set<string>();
    for (const lang of Object.keys(LISTS)) for (const w of stopwords(lang)) all.add(w);
    union = all;
  }
  return union.has(norm);
}

/** Languages that have a stop-word list. */
export const STOPWORD_LANGS: readonly string[] = Object.keys(LISTS);
