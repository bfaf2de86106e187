/**
 * A compiled gazetteer: countries, cities, states and regions; demonyms; organisations; titles and
 * honorifics; given names with gender. It is the only world knowledge the tool has without a
 * trained model. Data are compact strings parsed into maps on first use, so importing is cheap.
 *
 * Every lookup folds its input (lower case, no diacritics, ß→ss, dots removed, hyphens as spaces,
 * a leading "the" and a trailing possessive dropped). Aliases that are also common words are
 * marked in the data: `!` = only when written in capitals ("US", "WHO", "UN", "AP"), `^` = not
 * when written all lower case ("Fed", "Chad").
 */
import { foldName } from '../text/fold.js';

/** Kind of a place. */
export type PlaceType = 'country' | 'city' | 'region' | 'state';

// ---------------------------------------------------------------------------------------------
// Places. One entry per line: "Canonical|alias|alias...".

const COUNTRIES = `
Afghanistan|Afganistán
Albania|Albanien|Albanie
Algeria|Algerien|Argelia|Algérie
Andorra|Andorre
Angola
Antigua and Barbuda|Antigua|Antigua und Barbuda|Antigua y Barbuda|Antigua-et-Barbuda
Argentina|Argentinien|Argentine
Armenia|Armenien|Arménie
Australia|Australien|Australie
Austria|Österreich|Autriche
Azerbaijan|Aserbaidschan|Azerbaiyán|Azerbaïdjan
Bahamas|The Bahamas
Bahrain|Baréin|Bahreïn
Bangladesh|Bangladesch
Barbados|Barbade
Belarus|Belorussia|Byelorussia|Weißrussland|Belarus|Bielorrusia|Biélorussie
Belgium|Belgien|Bélgica|Belgique
Belize|Belice
Benin|Benín|Bénin
Bhutan|Bután|Bhoutan
Bolivia|Bolivien|Bolivie
Bosnia and Herzegovina|Bosnia|Bosnia-Herzegovina|Bosnien und Herzegowina|Bosnien-Herzegowina|Bosnien|Bosnia y Herzegovina|Bosnie-Herzégovine|Bosnie
Botswana
Brazil|Brasilien|Brasil|Brésil
Brunei|Brunéi|Brunei Darussalam
Bulgaria|Bulgarien|Bulgarie
Burkina Faso
Burundi
Cabo Verde|Cape Verde|Kap Verde|Cap-Vert
Cambodia|Kambodscha|Camboya|Cambodge
Cameroon|Kamerun|Camerún|Cameroun
Canada|Kanada|Canadá
Central African Republic|Zentralafrikanische Republik|República Centroafricana|Centrafrique|République centrafricaine
^Chad|Tschad|Tchad
Chile|Chili
^China|People's Republic of China|!PRC|Volksrepublik China|Chine|Mainland China
Colombia|Kolumbien|Colombie
Comoros|Komoren|Comoras|Comores
Democratic Republic of the Congo|Congo|DR Congo|!DRC|Democratic Republic of Congo|Congo-Kinshasa|Demokratische Republik Kongo|DR Kongo|Kongo|República Democrática del Congo|!RDC|République démocratique du Congo|RD Congo
Republic of the Congo|Congo Republic|Republic of Congo|Congo-Brazzaville|Republik Kongo|República del Congo|République du Congo
Costa Rica
Côte d'Ivoire|Ivory Coast|Cote d'Ivoire|Elfenbeinküste|Costa de Marfil
Croatia|Kroatien|Croacia|Croatie
Cuba|Kuba
Cyprus|Zypern|Chipre|Chypre
Czech Republic|Czechia|Tschechien|Tschechische Republik|República Checa|Chequia|République tchèque|Tchéquie
Denmark|Dänemark|Dinamarca|Danemark
Djibouti|Dschibuti|Yibuti
Dominica
Dominican Republic|Dominikanische Republik|República Dominicana|République dominicaine
Ecuador|Équateur
Egypt|Ägypten|Egipto|Égypte
El Salvador
Equatorial Guinea|Äquatorialguinea|Guinea Ecuatorial|Guinée équatoriale
Eritrea|Érythrée
Estonia|Estland|Estonie
Eswatini|Swaziland|Esuatini
Ethiopia|Äthiopien|Etiopía|Éthiopie
Fiji|Fidschi|Fiyi|Fidji
Finland|Finnland|Finlandia|Finlande
France|Frankreich|Francia
Gabon|Gabun|Gabón
Gambia|The Gambia|Gambie
Georgia|Georgien|Géorgie
Germany|Deutschland|Alemania|Allemagne|Federal Republic of Germany|Bundesrepublik Deutschland|Bundesrepublik|!BRD|!FRG
Ghana
Greece|Griechenland|Grecia|Grèce|Hellas
Grenada|Grenade
Guatemala
^Guinea|Guinée
Guinea-Bissau|Guinée-Bissau
Guyana
Haiti|Haití|Haïti
Honduras
Hungary|Ungarn|Hungría|Hongrie
Iceland|Islandia|Islande
India|Indien|Inde
Indonesia|Indonesien|Indonésie
Iran|Islamic Republic of Iran|Persia|Irán
Iraq|Irak
Ireland|Republic of Ireland|Irland|Irlanda|Irlande|Eire
Israel|Israël
Italy|Italien|Italia|Italie
Jamaica|Jamaika|Jamaïque
Japan|Japón|Japon
Jordan|Jordanien|Jordania|Jordanie
Kazakhstan|Kasachstan|Kazajistán|Kazajstán
Kenya|Kenia
Kiribati
Kosovo|Kosova
Kuwait|Koweït
Kyrgyzstan|Kirgisistan|Kirguistán|Kirghizistan|Kyrgyz Republic
Laos|Lao PDR
Latvia|Lettland|Letonia|Lettonie
Lebanon|Libanon|Líbano|Liban
Lesotho
Liberia|Libéria
Libya|Libyen|Libia|Libye
Liechtenstein
Lithuania|Litauen|Lituania|Lituanie
Luxembourg|Luxemburg|Luxemburgo
Madagascar|Madagaskar
Malawi
Malaysia|Malasia|Malaisie
Maldives|Malediven|Maldivas
Mali|Malí
Malta|Malte
Marshall Islands|Marshallinseln|Islas Marshall|Îles Marshall
Mauritania|Mauretanien|Mauritanie
Mauritius|Mauricio
Mexico|Mexiko|México|Mexique
Micronesia|Mikronesien|Micronésie
Moldova|Moldau|Moldavia|Moldavie|Republic of Moldova
Monaco|Mónaco
Mongolia|Mongolei|Mongolie
Montenegro|Monténégro
Morocco|Marokko|Marruecos|Maroc
Mozambique|Mosambik
Myanmar|Burma|Birmania|Birmanie
Namibia|Namibie
Nauru
Nepal|Népal
Netherlands|The Netherlands|Holland|Niederlande|Países Bajos|Holanda|Pays-Bas|Hollande
New Zealand|Neuseeland|Nueva Zelanda|Nouvelle-Zélande
Nicaragua
Niger|Níger
Nigeria|Nigéria
North Korea|!DPRK|Democratic People's Republic of Korea|Nordkorea|Corea del Norte|Corée du Nord
North Macedonia|Macedonia|Nordmazedonien|Mazedonien|Macedonia del Norte|Macédoine du Nord|Macédoine
Norway|Norwegen|Noruega|Norvège
Oman|Omán
Pakistan|Pakistán
Palau|Palaos
Palestine|Palestinian Territories|Palestinian territories|State of Palestine|Palästina|Palestina
Panama|Panamá
Papua New Guinea|Papua-Neuguinea|Papúa Nueva Guinea|Papouasie-Nouvelle-Guinée
Paraguay
Peru|Perú|Pérou
Philippines|Philippinen|Filipinas
Poland|Polen|Polonia|Pologne
Portugal
Qatar|Katar
Romania|Rumänien|Rumania|Roumanie
Russia|Russian Federation|Russland|Rusia|Russie|Russische Föderation|Federación Rusa|Fédération de Russie
Rwanda|Ruanda
Saint Kitts and Nevis|St Kitts and Nevis|St. Kitts and Nevis
Saint Lucia|St Lucia|St. Lucia|Santa Lucía|Sainte-Lucie
Saint Vincent and the Grenadines|St Vincent and the Grenadines|St. Vincent
Samoa
San Marino|Saint-Marin
Sao Tome and Principe|São Tomé and Príncipe|São Tomé e Príncipe
Saudi Arabia|Saudi-Arabien|Arabia Saudita|Arabia Saudí|Arabie saoudite|Kingdom of Saudi Arabia|!KSA
Senegal|Sénégal
Serbia|Serbien|Serbie
Seychelles|Seychellen
Sierra Leone|Sierra Leona
Singapore|Singapur|Singapour
Slovakia|Slowakei|Eslovaquia|Slovaquie
Slovenia|Slowenien|Eslovenia|Slovénie
Solomon Islands|Salomonen|Islas Salomón|Îles Salomon
Somalia|Somalie
South Africa|Südafrika|Sudáfrica|Afrique du Sud
South Korea|Republic of Korea|Korea|Südkorea|Corea del Sur|Corée du Sud|Corea|Corée
South Sudan|Südsudan|Sudán del Sur|Soudan du Sud
Spain|Spanien|España|Espagne
Sri Lanka
Sudan|Sudán|Soudan
Suriname|Surinam
Sweden|Schweden|Suecia|Suède
Switzerland|Schweiz|Suiza|Suisse
Syria|Syrien|Siria|Syrie
Taiwan|Taiwán|Republic of China
Tajikistan|Tadschikistan|Tayikistán|Tadjikistan
Tanzania|Tansania|Tanzanie
Thailand|Tailandia|Thaïlande
Timor-Leste|East Timor|Osttimor|Timor Oriental
Togo
Tonga
Trinidad and Tobago|Trinidad|Trinidad und Tobago|Trinidad y Tobago|Trinité-et-Tobago
Tunisia|Tunesien|Túnez|Tunisie
^Turkey|Türkiye|Türkei|Turquía|Turquie
Turkmenistan|Turkmenistán|Turkménistan
Tuvalu
Uganda|Ouganda
Ukraine|Ucrania|The Ukraine
United Arab Emirates|!UAE|U.A.E.|Emirates|Vereinigte Arabische Emirate|!VAE|Emiratos Árabes Unidos|!EAU|Émirats arabes unis
United Kingdom|!UK|U.K.|Britain|Great Britain|!GB|Vereinigtes Königreich|Großbritannien|Reino Unido|Gran Bretaña|Royaume-Uni|Grande-Bretagne
United States|!US|U.S.|!USA|U.S.A.|America|United States of America|Vereinigte Staaten|Amerika|Estados Unidos|!EEUU|EE.UU.|EE UU|États-Unis|Amérique
Uruguay
Uzbekistan|Usbekistan|Uzbekistán|Ouzbékistan
Vanuatu
Vatican|Vatican City|Holy See|Vatikan|Vatikanstadt|Vaticano|Ciudad del Vaticano|Saint-Siège|Santa Sede
Venezuela
Vietnam|Viet Nam|Vietnám
Yemen|Jemen|Yémen
Zambia|Sambia|Zambie
Zimbabwe|Simbabwe|Zimbabue
`;

const CITIES = `
Kabul|Kaboul
Tirana|Tirana
Algiers|Algier|Argel|Alger
Luanda
Buenos Aires
Yerevan|Eriwan|Ereván|Erevan
Canberra
Vienna|Wien|Viena|Vienne
Baku|Bakú|Bakou
Manama
Dhaka|Dacca
Minsk
Brussels|Brüssel|Bruselas|Bruxelles
Thimphu
La Paz
Sarajevo
Gaborone
Brasilia|Brasília
Sofia|Sofía
Ouagadougou
Phnom Penh
Yaounde|Yaoundé|Jaunde
Ottawa
Bangui
N'Djamena|Ndjamena
Santiago|Santiago de Chile
Beijing|Peking|Pekín|Pékin
Bogota|Bogotá
Kinshasa
Brazzaville
San Jose|San José
Abidjan
Yamoussoukro
Zagreb
Havana|Havanna|La Habana|La Havane
Nicosia|Nikosia|Nicosie
Prague|Prag|Praga
Copenhagen|Kopenhagen|Copenhague
Santo Domingo
Quito
Cairo|Kairo|El Cairo|Le Caire
San Salvador
Asmara
Tallinn
Addis Ababa|Addis Abeba
Suva
Helsinki
Paris|París
Libreville
Banjul
Tbilisi|Tiflis
Berlin|Berlín
Accra
Athens|Athen|Atenas|Athènes
Guatemala City|Ciudad de Guatemala
Conakry
Bissau
Georgetown
Port-au-Prince
Tegucigalpa
Budapest
Reykjavik|Reykjavík
New Delhi|Neu-Delhi|Nueva Delhi|Delhi
Jakarta|Yakarta|Djakarta
Tehran|Teheran|Teherán|Téhéran
Baghdad|Bagdad
Dublin|Dublín
Jerusalem|Jerusalén|Jérusalem
Rome|Rom|Roma
Kingston
Tokyo|Tokio
Amman|Ammán
Astana|Nur-Sultan
Nairobi
Kuwait City
Bishkek|Bischkek
Vientiane
Riga
Beirut|Beyrouth
Maseru
Monrovia
Tripoli|Tripolis|Trípoli
Vaduz
Vilnius|Wilna
Antananarivo
Lilongwe
Kuala Lumpur
^Male|Malé
Bamako
Valletta
Nouakchott
Port Louis
Mexico City|Mexiko-Stadt|Ciudad de México|Mexico DF
Chisinau|Chișinău|Kischinau|Kishinev
Ulaanbaatar|Ulan Bator|Oulan-Bator
Podgorica
Rabat
Maputo
Naypyidaw|Nay Pyi Taw
Windhoek
Kathmandu|Katmandu|Katmandou
Amsterdam|Ámsterdam
The Hague|Den Haag|La Haya|La Haye
Wellington
Managua
Niamey
Abuja
Pyongyang|Pjöngjang|Pyongyang
Skopje|Skopie
Oslo
Muscat|Maskat|Mascate
Islamabad
Ramallah
Panama City|Ciudad de Panamá
Port Moresby
Asuncion|Asunción
Lima
Manila|Manille
Warsaw|Warschau|Varsovia|Varsovie
Lisbon|Lissabon|Lisboa|Lisbonne
Doha
Bucharest|Bukarest|Bucarest
Moscow|Moskau|Moscú|Moscou
Kigali
Riyadh|Riad|Riyad
Dakar
Belgrade|Belgrad|Belgrado
Freetown
Bratislava|Pressburg
Ljubljana|Laibach
Honiara
Mogadishu|Mogadischu|Mogadiscio
Pretoria
Cape Town|Kapstadt|Ciudad del Cabo|Le Cap
Seoul|Seúl|Séoul
Juba|Yuba
Madrid
Colombo
Khartoum|Khartum|Jartum
Paramaribo
Stockholm|Estocolmo
Bern|Berne|Berna
Damascus|Damaskus|Damasco|Damas
Taipei|Taipéi
Dushanbe|Duschanbe|Douchanbé
Dodoma
Dar es Salaam
Bangkok
Dili
Lome|Lomé
Port of Spain
Ankara
Ashgabat|Aschgabat|Asjabad|Achgabat
Kampala
Kyiv|Kiev|Kiew|Kíev|Kyjiw
London|Londres
Washington|Washington DC|Washington D.C.|Washington, D.C.
Montevideo
Tashkent|Taschkent
Caracas
Hanoi|Hanói
Sanaa|Sana'a|Saná|Sanaá
Lusaka
Harare
Pristina|Prishtina|Priština
New York|New York City|!NYC|Nueva York
Los Angeles|!LA|L.A.
Chicago
Houston
Phoenix
Philadelphia|Filadelfia|Philadelphie
San Antonio
San Diego
Dallas
San Francisco
Seattle
Boston
Miami
Atlanta
Denver
Detroit
Las Vegas
New Orleans|Nueva Orleans|La Nouvelle-Orléans
Minneapolis
Baltimore
Pittsburgh
Cleveland
St. Louis|Saint Louis
Orlando
Austin
Nashville
Sacramento
Honolulu
Anchorage
Toronto
Montreal|Montréal
Vancouver
Calgary
Quebec City|Québec City|Ville de Québec
Sao Paulo|São Paulo
Rio de Janeiro|Rio
Guadalajara
Monterrey
Tijuana
Medellin|Medellín
Cali
Guayaquil
Valparaiso|Valparaíso
Rosario
Munich|München|Múnich|Monaco di Baviera
Hamburg|Hambourg|Hamburgo
Frankfurt|Frankfurt am Main|Francfort|Fráncfort
Cologne|Köln|^Colonia
Stuttgart
Düsseldorf|Dusseldorf
Dresden|Dresde
Leipzig
Hanover|Hannover|Hanovre
Nuremberg|Nürnberg|Núremberg
Bremen|Brême
Bonn
Karlsruhe
Milan|Mailand|Milán|Milano
Naples|Neapel|Nápoles|Napoli
Turin|Turín|Torino
Florence|Florenz|Florencia|Firenze
Venice|Venedig|Venecia|Venise|Venezia
Genoa|Genua|Génova|Gênes
Bologna|Bolonia|Bologne
Palermo|Palerme
Barcelona|Barcelone
Valencia|^Valence
Seville|Sevilla|Séville
Bilbao
Malaga|Málaga
Zaragoza|Saragossa|Saragosse
Marseille|Marseilles|Marsella
Lyon|Lyons
Toulouse
^Nice|Niza|Nizza
Strasbourg|Straßburg|Estrasburgo
Bordeaux|Burdeos
Lille
Nantes
Manchester
Birmingham
Liverpool
Glasgow
Edinburgh|Edimburgo|Édimbourg
Belfast
Cardiff
Leeds
Oxford
Cambridge
Geneva|Genf|Ginebra|Genève
Zurich|Zürich|Zúrich
Basel|Basle|Bâle|Basilea
Davos
Lausanne
Antwerp|Antwerpen|Amberes|Anvers
Rotterdam|Róterdam
Gdansk|Gdańsk|Danzig
Krakow|Kraków|Cracow|Krakau|Cracovia|Cracovie
Wroclaw|Wrocław|Breslau
St Petersburg|St. Petersburg|Saint Petersburg|Sankt Petersburg|San Petersburgo|Saint-Pétersbourg
Novosibirsk|Nowosibirsk
Yekaterinburg|Jekaterinburg|Ekaterinburg
Kazan|Kasan
Sochi|Sotschi|Sotchi
Vladivostok|Wladiwostok
Kaliningrad|Königsberg
Murmansk
Volgograd|Wolgograd
Belgorod
Kursk
Rostov-on-Don|Rostov|Rostow am Don
Kharkiv|Kharkov|Charkiw|Járkov|Kharkiv
Odesa|Odessa
Lviv|Lvov|Lemberg|Leópolis|Lwiw
Dnipro|Dnipropetrovsk|Dnjepr
Zaporizhzhia|Zaporizhzhya|Zaporozhye|Saporischschja|Zaporiyia|Zaporijia
Mariupol|Mariúpol|Marioupol
Kherson|Cherson|Jersón
Donetsk|Donezk|Donetsk
Luhansk|Lugansk
Bakhmut|Bachmut|Bajmut|Artemivsk
Avdiivka|Awdijiwka|Avdiívka
Sevastopol|Sewastopol|Sebastopol|Sébastopol
Simferopol
Istanbul|Estambul|Stamboul
Izmir
Antalya
Thessaloniki|Saloniki|Salonica|Tesalónica|Thessalonique
Porto|Oporto
Gothenburg|Göteborg
Tel Aviv|Tel Aviv-Yafo|Tel-Aviv
Haifa
Gaza City|Gaza-Stadt|Ciudad de Gaza
Rafah
Khan Younis|Khan Yunis|Chan Junis|Jan Yunis
Jenin|Dschenin|Yenín|Djénine
Nablus|Naplouse
Hebron|Hébron
Bethlehem|Bethléem|Belén
Aleppo|Alep|Alepo
Homs
Idlib
Raqqa|Rakka|Raqa
Mosul|Mossul|Mossoul
Basra|Bassora|Basora
Erbil|Irbil
Kirkuk
Fallujah|Falludscha
Jeddah|Jidda|Dschidda|Yeda|Djeddah
^Mecca|Mekka|La Meca|La Mecque
Medina|Médine
Dubai|Dubái|Dubaï
Abu Dhabi|Abu Dabi|Abou Dhabi
Isfahan|Esfahan
Mashhad|Maschhad
Tabriz|Täbris
Shiraz|Schiras
Qom|Ghom
Karachi|Karatschi
Lahore
Peshawar
Rawalpindi
Mumbai|Bombay
Kolkata|Calcutta|Kalkutta
Chennai|Madras
Bangalore|Bengaluru
Hyderabad
Ahmedabad
Kandahar
Herat
Mazar-i-Sharif
Shanghai|Schanghai|Shanghái
Hong Kong|Hongkong
Macau|Macao
Shenzhen
Guangzhou|^Canton|Kanton
Wuhan
Chengdu
Chongqing
Tianjin
Nanjing|Nanking
Hangzhou
Xi'an|Xian
Lhasa
Urumqi|Ürümqi
Osaka
Kyoto
Hiroshima
Nagasaki
Yokohama
Busan|Pusan
Incheon
Ho Chi Minh City|Saigon|Ho-Chi-Minh-Stadt|Ciudad Ho Chi Minh
Yangon|Rangoon|Rangun
Mandalay
Sydney|Sídney
Melbourne
Brisbane
Perth
Adelaide
Auckland
Christchurch
Lagos
Kano
Johannesburg|Johannesburgo
Durban
Mombasa
Alexandria|Alexandrien|Alejandría|Alexandrie
Casablanca
Marrakesh|Marrakech|Marrakesch|Marrakech
Tangier|Tanger
Benghazi|Bengasi|Bengasi|Benghazi
Misrata|Misurata
Goma
Timbuktu|Tombouctou
Omdurman
El Fasher|Al-Fashir
Port Sudan
Davao
Cebu
`;

const US_STATES = `
Alabama
Alaska
Arizona
Arkansas
California|Kalifornien|Californie
Colorado
Connecticut
Delaware
Florida|Floride
Georgia
Hawaii|Hawái|Hawaï
Idaho
Illinois
Indiana
Iowa
Kansas
Kentucky
Louisiana|Louisiane
Maine
Maryland
Massachusetts
Michigan
Minnesota
Mississippi
Missouri
Montana
Nebraska
Nevada
New Hampshire
New Jersey
New Mexico|Nuevo México
New York State|New York state
North Carolina|Carolina del Norte|Caroline du Nord
North Dakota
Ohio
Oklahoma
Oregon
Pennsylvania|Pensilvania|Pennsylvanie
Rhode Island
South Carolina|Carolina del Sur|Caroline du Sud
South Dakota
Tennessee
Texas|Tejas
Utah
Vermont
Virginia|Virginie
Washington State|Washington state
West Virginia
Wisconsin
Wyoming
District of Columbia|!DC|D.C.
`;

const REGIONS = `
Middle East|Mideast|Nahost|Naher Osten|Nahen Osten|Mittlerer Osten|Oriente Medio|Oriente Próximo|Medio Oriente|Moyen-Orient|Proche-Orient
^Gulf|Persian Gulf|Arabian Gulf|Gulf region|Persischer Golf|^Golf|Golfo Pérsico|Golfo|Golfe persique|Golfe
Europe|Europa
Asia|Asien|Asie
Africa|Afrika|Afrique
Latin America|Lateinamerika|América Latina|Latinoamérica|Amérique latine
North America|Nordamerika|Norteamérica|América del Norte|Amérique du Nord
South America|Südamerika|Sudamérica|América del Sur|Amérique du Sud
Central America|Mittelamerika|Zentralamerika|Centroamérica|América Central|Amérique centrale
Caribbean|Karibik|Caribe|Caraïbes
Balkans|Balkan|Balcanes
Scandinavia|Skandinavien|Escandinavia|Scandinavie
Baltics|Baltic states|Baltikum|Bálticos|Pays baltes
Eastern Europe|Osteuropa|Europa del Este|Europa Oriental|Europe de l'Est
Western Europe|Westeuropa|Europa Occidental|Europe de l'Ouest
Central Asia|Zentralasien|Asia Central|Asie centrale
South Asia|Südasien|Asia del Sur|Asie du Sud
Southeast Asia|South-East Asia|Südostasien|Sudeste Asiático|Asie du Sud-Est
East Asia|Ostasien|Asia Oriental|Asie de l'Est
Asia-Pacific|Asia Pacific|Asien-Pazifik|Asia-Pacífico|Asie-Pacifique
Indo-Pacific|Indopazifik|Indo-Pacífico|Indo-Pacifique
Sahel
Horn of Africa|Horn von Afrika|Cuerno de África|Corne de l'Afrique
Maghreb|Magreb
North Africa|Nordafrika|Norte de África|Afrique du Nord
West Africa|Westafrika|África Occidental|Afrique de l'Ouest
East Africa|Ostafrika|África Oriental|Afrique de l'Est
Sub-Saharan Africa|Subsahara-Afrika|África subsahariana|Afrique subsaharienne
^Arctic|Arktis|Ártico|Arctique
Antarctica|Antarktis|Antártida|Antarctique
Crimea|Krim|Crimée
Donbas|Donbass|Donbás
Gaza|Gaza Strip|Gazastreifen|Franja de Gaza|Bande de Gaza
West Bank|Westjordanland|Cisjordania|Cisjordanie
Golan Heights|Golan|Golanhöhen|Altos del Golán|Plateau du Golan
Kashmir|Kaschmir|Cachemira|Cachemire
Catalonia|Katalonien|Cataluña|Catalunya|Catalogne
Basque Country|Baskenland|País Vasco|Euskadi|Pays basque
Andalusia|Andalusien|Andalucía|Andalousie
Galicia|Galicien|Galice
Bavaria|Bayern|Baviera|Bavière
Saxony|Sachsen|Sajonia|Saxe
Thuringia|Thüringen|Turingia|Thuringe
Brandenburg|Brandeburgo|Brandebourg
Hesse|Hessen|Hesse
North Rhine-Westphalia|Nordrhein-Westfalen|!NRW|Renania del Norte-Westfalia|Rhénanie-du-Nord-Westphalie
Baden-Württemberg|Baden-Wurtemberg
Lower Saxony|Niedersachsen|Baja Sajonia|Basse-Saxe
Saxony-Anhalt|Sachsen-Anhalt
Mecklenburg-Western Pomerania|Mecklenburg-Vorpommern
Schleswig-Holstein
Rhineland-Palatinate|Rheinland-Pfalz
Siberia|Sibirien|Sibérie
Chechnya|Tschetschenien|Chechenia|Tchétchénie
Dagestan|Daguestán
Kurdistan|Kurdistán|Kurdish region|Iraqi Kurdistan
Xinjiang|Sinkiang
Tibet|Tíbet
Taiwan Strait|Taiwanstraße|Estrecho de Taiwán|Détroit de Taïwan
South China Sea|Südchinesisches Meer|Mar de China Meridional|Mer de Chine méridionale
Black Sea|Schwarzes Meer|Mar Negro|Mer Noire
Red Sea|Rotes Meer|Mar Rojo|Mer Rouge
Mediterranean|Mediterranean Sea|Mittelmeer|Mediterráneo|Méditerranée
Baltic Sea|Ostsee|Mar Báltico|Mer Baltique
North Sea|Nordsee|Mar del Norte|Mer du Nord
Strait of Hormuz|Hormuz|Straße von Hormus|Estrecho de Ormuz|Détroit d'Ormuz
Sinai|Sinai Peninsula|Sinaí|Sinaï
Darfur
Tigray|Tigré
Nagorno-Karabakh|Karabakh|Bergkarabach|Karabach|Nagorno Karabaj|Haut-Karabakh
Abkhazia|Abchasien|Abjasia|Abkhazie
South Ossetia|Südossetien|Osetia del Sur|Ossétie du Sud
Transnistria|Transnistrien|Transnistrie
Scotland|Schottland|Escocia|Écosse
England|Inglaterra|Angleterre
Wales|Gales|Pays de Galles
Northern Ireland|Nordirland|Irlanda del Norte|Irlande du Nord
Flanders|Flandern|Flandes|Flandre
Wallonia|Wallonien|Valonia|Wallonie
Corsica|Korsika|Córcega|Corse
Sicily|Sizilien|Sicilia|Sicile
Sardinia|Sardinien|Cerdeña|Sardaigne
Lombardy|Lombardei|Lombardía|Lombardie
Tuscany|Toskana|Toscana|Toscane
Quebec|Québec
Ontario
British Columbia|Britisch-Kolumbien|Colombia Británica|Colombie-Britannique
Alberta
Patagonia|Patagonien|Patagonie
^Amazon|Amazonia|Amazonas|Amazonie|Amazon rainforest
Greenland|Grönland|Groenlandia|Groenland
Puerto Rico|Porto Rico
Western Sahara|Westsahara|Sahara Occidental
Punjab|Pandschab|Penjab
Balochistan|Baluchistan|Belutschistan
Kherson region|Kherson oblast
Donetsk region|Donetsk oblast
Luhansk region|Luhansk oblast
Zaporizhzhia region|Zaporizhzhia oblast
Kursk region|Kursk oblast
Silicon Valley
Normandy|Normandie|Normandía
Brittany|Bretagne|Bretaña
Provence
Alsace|Elsass|Alsacia
Sahara
Himalayas|Himalaya
Alps|Alpen|Alpes
`;

// ---------------------------------------------------------------------------------------------
// Demonyms: "Country=english,forms;de:...;es:...;fr:..." (German "-isch" adjectives, Spanish and
// French adjectives are inflected automatically; English plurals are handled at lookup).

const DEMONYMS = `
Afghanistan=afghan;de:afghanisch,afghane,afghanen;es:afgano;fr:afghan
Albania=albanian;de:albanisch;es:albanés;fr:albanais
Algeria=algerian;de:algerisch;es:argelino;fr:algérien
Andorra=andorran
Angola=angolan;es:angoleño
Argentina=argentine,argentinian,argentinean;de:argentinisch;es:argentino;fr:argentin
Armenia=armenian;de:armenisch;es:armenio;fr:arménien
Australia=australian,aussie;de:australisch;es:australiano;fr:australien
Austria=austrian;de:österreichisch,österreicher;es:austriaco;fr:autrichien
Azerbaijan=azerbaijani,azeri;de:aserbaidschanisch;es:azerbaiyano;fr:azerbaïdjanais
Bahamas=bahamian
Bahrain=bahraini;es:bareiní
Bangladesh=bangladeshi
Barbados=barbadian,bajan
Belarus=belarusian,belarussian,byelorussian;de:belarussisch,weißrussisch;es:bielorruso;fr:biélorusse
Belgium=belgian;de:belgisch;es:belga;fr:belge
Belize=belizean
Benin=beninese
Bhutan=bhutanese
Bolivia=bolivian;de:bolivianisch;es:boliviano;fr:bolivien
Bosnia and Herzegovina=bosnian;de:bosnisch;es:bosnio;fr:bosnien
Botswana=botswanan,motswana,batswana
Brazil=brazilian;de:brasilianisch;es:brasileño;fr:brésilien
Brunei=bruneian
Bulgaria=bulgarian;de:bulgarisch;es:búlgaro;fr:bulgare
Burkina Faso=burkinabe
Burundi=burundian
Cambodia=cambodian;de:kambodschanisch;es:camboyano;fr:cambodgien
Cameroon=cameroonian;fr:camerounais
Canada=canadian;de:kanadisch;es:canadiense;fr:canadien
Cabo Verde=cape verdean
Central African Republic=central african
Chad=chadian;fr:tchadien
Chile=chilean;de:chilenisch;es:chileno;fr:chilien
China=chinese;de:chinesisch,chinese,chinesen;es:chino;fr:chinois
Colombia=colombian;de:kolumbianisch;es:colombiano;fr:colombien
Comoros=comoran,comorian
Democratic Republic of the Congo=congolese;de:kongolesisch;es:congoleño;fr:congolais
Costa Rica=costa rican;es:costarricense
Côte d'Ivoire=ivorian;fr:ivoirien
Croatia=croatian,croat;de:kroatisch;es:croata;fr:croate
Cuba=cuban;de:kubanisch;es:cubano;fr:cubain
Cyprus=cypriot;de:zyprisch;es:chipriota;fr:chypriote
Czech Republic=czech;de:tschechisch;es:checo;fr:tchèque
Denmark=danish,dane;de:dänisch;es:danés;fr:danois
Djibouti=djiboutian
Dominican Republic=dominican;es:dominicano
Ecuador=ecuadorian,ecuadorean;de:ecuadorianisch;es:ecuatoriano;fr:équatorien
Egypt=egyptian;de:ägyptisch;es:egipcio;fr:égyptien
El Salvador=salvadoran,salvadorean;es:salvadoreño
Equatorial Guinea=equatoguinean
Eritrea=eritrean;de:eritreisch;es:eritreo;fr:érythréen
Estonia=estonian;de:estnisch;es:estonio;fr:estonien
Eswatini=swazi
Ethiopia=ethiopian;de:äthiopisch;es:etíope;fr:éthiopien
Fiji=fijian
Finland=finnish,finn;de:finnisch;es:finlandés;fr:finlandais
France=french,frenchman,frenchmen,frenchwoman;de:französisch,franzose,franzosen;es:francés;fr:français
Gabon=gabonese;fr:gabonais
Gambia=gambian
Georgia=georgian;de:georgisch;es:georgiano;fr:géorgien
Germany=german;de:deutsch;es:alemán;fr:allemand
Ghana=ghanaian
Greece=greek;de:griechisch,grieche,griechen;es:griego;fr:grec,grecque,grecs,grecques
Guatemala=guatemalan;es:guatemalteco
Guinea=guinean;fr:guinéen
Guyana=guyanese
Haiti=haitian;es:haitiano;fr:haïtien
Honduras=honduran;es:hondureño
Hungary=hungarian;de:ungarisch;es:húngaro;fr:hongrois
Iceland=icelandic,icelander;de:isländisch;es:islandés;fr:islandais
India=indian;de:indisch,inder;es:indio;fr:indien
Indonesia=indonesian;de:indonesisch;es:indonesio;fr:indonésien
Iran=iranian,persian;de:iranisch,iraner;es:iraní;fr:iranien
Iraq=iraqi;de:irakisch,iraker;es:iraquí;fr:irakien
Ireland=irish;de:irisch;es:irlandés;fr:irlandais
Israel=israeli;de:israelisch;es:israelí;fr:israélien
Italy=italian;de:italienisch,italiener;es:italiano;fr:italien
Jamaica=jamaican
Japan=japanese;de:japanisch,japaner;es:japonés;fr:japonais
Jordan=jordanian;de:jordanisch;es:jordano;fr:jordanien
Kazakhstan=kazakh,kazakhstani;de:kasachisch;es:kazajo;fr:kazakh
Kenya=kenyan;de:kenianisch;es:keniano;fr:kényan
Kosovo=kosovar,kosovan;de:kosovarisch;es:kosovar
Kuwait=kuwaiti;es:kuwaití;fr:koweïtien
Kyrgyzstan=kyrgyz,kirghiz
Laos=laotian,lao
Latvia=latvian;de:lettisch;es:letón;fr:letton
Lebanon=lebanese;de:libanesisch;es:libanés;fr:libanais
Liberia=liberian
Libya=libyan;de:libysch;es:libio;fr:libyen
Lithuania=lithuanian;de:litauisch;es:lituano;fr:lituanien
Luxembourg=luxembourgish,luxembourger;de:luxemburgisch
Madagascar=malagasy
Malawi=malawian
Malaysia=malaysian;es:malasio;fr:malaisien
Maldives=maldivian
Mali=malian;es:maliense;fr:malien
Malta=maltese
Mauritania=mauritanian
Mauritius=mauritian
Mexico=mexican;de:mexikanisch;es:mexicano;fr:mexicain
Moldova=moldovan;de:moldauisch;es:moldavo;fr:moldave
Monaco=monegasque
Mongolia=mongolian;de:mongolisch;es:mongol;fr:mongol
Montenegro=montenegrin
Morocco=moroccan;de:marokkanisch;es:marroquí;fr:marocain
Mozambique=mozambican
Myanmar=burmese,myanmarese
Namibia=namibian
Nepal=nepali,nepalese
Netherlands=dutch,dutchman,dutchmen,dutchwoman;de:niederländisch,holländisch,niederländer;es:neerlandés,holandés;fr:néerlandais,hollandais
New Zealand=new zealander,^kiwi
Nicaragua=nicaraguan;es:nicaragüense
Niger=nigerien
Nigeria=nigerian;de:nigerianisch;es:nigeriano;fr:nigérian
North Korea=north korean;de:nordkoreanisch;es:norcoreano;fr:nord-coréen
North Macedonia=macedonian
Norway=norwegian;de:norwegisch;es:noruego;fr:norvégien
Oman=omani
Pakistan=pakistani;de:pakistanisch;es:paquistaní,pakistaní;fr:pakistanais
Palestine=palestinian;de:palästinensisch,palästinenser;es:palestino;fr:palestinien
Panama=panamanian;es:panameño
Papua New Guinea=papua new guinean
Paraguay=paraguayan;es:paraguayo
Peru=peruvian;de:peruanisch;es:peruano;fr:péruvien
Philippines=filipino,filipina,philippine;de:philippinisch;es:filipino;fr:philippin
Poland=^polish,^pole;de:polnisch,pole,polen;es:polaco;fr:polonais
Portugal=portuguese;de:portugiesisch;es:portugués;fr:portugais
Qatar=qatari;de:katarisch;es:catarí,qatarí;fr:qatarien,qatari
Romania=romanian;de:rumänisch;es:rumano;fr:roumain
Russia=russian;de:russisch,russe,russen;es:ruso;fr:russe
Rwanda=rwandan
Saudi Arabia=saudi;de:saudisch,saudi-arabisch;es:saudí,saudita;fr:saoudien
Senegal=senegalese;fr:sénégalais
Serbia=serbian,serb;de:serbisch;es:serbio;fr:serbe
Sierra Leone=sierra leonean
Singapore=singaporean
Slovakia=slovak,slovakian;de:slowakisch;es:eslovaco;fr:slovaque
Slovenia=slovenian,slovene;de:slowenisch;es:esloveno;fr:slovène
Somalia=somali,somalian;de:somalisch;es:somalí;fr:somalien
South Africa=south african;de:südafrikanisch;es:sudafricano;fr:sud-africain
South Korea=south korean,korean;de:südkoreanisch;es:surcoreano;fr:sud-coréen
South Sudan=south sudanese
Spain=spanish,spaniard;de:spanisch,spanier;es:español;fr:espagnol
Sri Lanka=sri lankan
Sudan=sudanese;de:sudanesisch;es:sudanés;fr:soudanais
Suriname=surinamese
Sweden=swedish,^swede;de:schwedisch;es:sueco;fr:suédois
Switzerland=swiss;de:schweizerisch,schweizer;es:suizo;fr:suisse
Syria=syrian;de:syrisch,syrer;es:sirio;fr:syrien
Taiwan=taiwanese;de:taiwanisch;es:taiwanés;fr:taïwanais
Tajikistan=tajik,tajikistani
Tanzania=tanzanian
Thailand=thai;de:thailändisch;es:tailandés;fr:thaïlandais
Togo=togolese
Trinidad and Tobago=trinidadian
Tunisia=tunisian;de:tunesisch;es:tunecino;fr:tunisien
Turkey=turkish,turk;de:türkisch,türke,türken;es:turco;fr:turc,turque,turcs,turques
Turkmenistan=turkmen
Uganda=ugandan
Ukraine=ukrainian;de:ukrainisch,ukrainer;es:ucraniano;fr:ukrainien
United Arab Emirates=emirati;de:emiratisch;es:emiratí
United Kingdom=british,briton,brit;de:britisch,brite,briten;es:británico;fr:britannique
United States=american,!US,U.S.;de:amerikanisch,us-amerikanisch,amerikaner;es:estadounidense,norteamericano;fr:américain
Uruguay=uruguayan;es:uruguayo
Uzbekistan=uzbek
Venezuela=venezuelan;de:venezolanisch;es:venezolano;fr:vénézuélien
Vietnam=vietnamese;de:vietnamesisch;es:vietnamita;fr:vietnamien
Yemen=yemeni;de:jemenitisch;es:yemení;fr:yéménite
Zambia=zambian
Zimbabwe=zimbabwean
Vatican=vatican
Scotland=scottish,scot,scots
Wales=welsh
England=english
Europe=european;de:europäisch;es:europeo;fr:européen
Africa=african;de:afrikanisch;es:africano;fr:africain
Asia=asian;de:asiatisch;es:asiático;fr:asiatique
Latin America=latin american;es:latinoamericano
`;

// ---------------------------------------------------------------------------------------------
// Organisations: "Canonical|alias|...".

const ORGS = `
United Nations|!UN|U.N.|Vereinte Nationen|!UNO|Naciones Unidas|!ONU|Nations unies|Organisation des Nations unies
UN Security Council|Security Council|!UNSC|Sicherheitsrat|UN-Sicherheitsrat|Consejo de Seguridad|Conseil de sécurité
UN General Assembly|General Assembly|!UNGA|UN-Generalversammlung|Generalversammlung|Asamblea General|Assemblée générale
European Union|!EU|E.U.|Europäische Union|Unión Europea|!UE|Union européenne
European Commission|EU Commission|EU-Kommission|Europäische Kommission|Comisión Europea|Commission européenne|Brussels Commission
European Parliament|Europaparlament|Europäisches Parlament|EU-Parlament|Parlamento Europeo|Parlement européen
European Council|Europäischer Rat|Consejo Europeo|Conseil européen
European Central Bank|!ECB|!EZB|!BCE|Europäische Zentralbank|Banco Central Europeo|Banque centrale européenne
NATO|Nato|North Atlantic Treaty Organization|North Atlantic Treaty Organisation|OTAN|Otan|North Atlantic Alliance|Atlantic Alliance
International Atomic Energy Agency|IAEA|IAEO|OIEA|AIEA|Internationale Atomenergiebehörde|Organismo Internacional de Energía Atómica|Agence internationale de l'énergie atomique|UN nuclear watchdog
World Health Organization|!WHO|W.H.O.|World Health Organisation|Weltgesundheitsorganisation|!OMS|Organización Mundial de la Salud|Organisation mondiale de la santé
International Monetary Fund|!IMF|!IWF|!FMI|Internationaler Währungsfonds|Fondo Monetario Internacional|Fonds monétaire international
World Bank|Weltbank|Banco Mundial|Banque mondiale
World Trade Organization|!WTO|World Trade Organisation|Welthandelsorganisation|!OMC|Organización Mundial del Comercio|Organisation mondiale du commerce
OPEC|Opec|Organization of the Petroleum Exporting Countries|OPEP|Opep
OPEC+|OPEC Plus|Opec+|OPEP+
G7|G-7|Group of Seven|Gruppe der Sieben|Grupo de los Siete|G7-Staaten
G20|G-20|Group of 20|Group of Twenty|Gruppe der 20|Grupo de los Veinte
BRICS|Brics
International Committee of the Red Cross|!ICRC|Red Cross|IKRK|Rotes Kreuz|Internationales Komitee vom Roten Kreuz|Cruz Roja|!CICR|Croix-Rouge|Comité international de la Croix-Rouge
Red Crescent|Roter Halbmond|Media Luna Roja|Croissant-Rouge
Amnesty International|Amnesty
Human Rights Watch|!HRW
Doctors Without Borders|Médecins Sans Frontières|!MSF|Ärzte ohne Grenzen|Médicos Sin Fronteras
Reporters Without Borders|Reporter ohne Grenzen|Reporteros Sin Fronteras|Reporters sans frontières
UNICEF|Unicef
UNHCR|UN refugee agency|UN-Flüchtlingshilfswerk|ACNUR|HCR
UNRWA|Unrwa
World Food Programme|!WFP|World Food Program|Welternährungsprogramm|Programa Mundial de Alimentos|Programme alimentaire mondial|!PAM
UNESCO|Unesco
UNDP|UN Development Programme
FAO|Food and Agriculture Organization
International Labour Organization|!ILO|International Labor Organization|!OIT
International Organization for Migration|!IOM|!OIM
UN Human Rights Council|Human Rights Council|UN-Menschenrechtsrat|Consejo de Derechos Humanos
UN human rights office|!OHCHR
International Criminal Court|!ICC|Internationaler Strafgerichtshof|!IStGH|Corte Penal Internacional|!CPI|Cour pénale internationale
International Court of Justice|!ICJ|Internationaler Gerichtshof|!IGH|Corte Internacional de Justicia|!CIJ|Cour internationale de justice|World Court
African Union|!AU|Afrikanische Union|Unión Africana|!UA|Union africaine
Arab League|League of Arab States|Arabische Liga|Liga Árabe|Ligue arabe
ASEAN|Asean|Association of Southeast Asian Nations
Gulf Cooperation Council|!GCC|Golf-Kooperationsrat|Consejo de Cooperación del Golfo
OSCE|Organization for Security and Co-operation in Europe|OSZE|Organisation für Sicherheit und Zusammenarbeit in Europa
OECD|OCDE|Organisation for Economic Co-operation and Development
Council of Europe|Europarat|Consejo de Europa|Conseil de l'Europe
European Court of Human Rights|!ECHR|Europäischer Gerichtshof für Menschenrechte|!EGMR|Tribunal Europeo de Derechos Humanos|Cour européenne des droits de l'homme
European Court of Justice|!ECJ|EuGH|Court of Justice of the European Union|!CJEU|!TJUE|Europäischer Gerichtshof
Commonwealth
Shanghai Cooperation Organisation|Shanghai Cooperation Organization|!SCO
Asian Development Bank|!ADB
International Energy Agency|!IEA|Internationale Energieagentur|Agencia Internacional de la Energía|!AIE
Organisation for the Prohibition of Chemical Weapons|!OPCW|!OPCW|Organisation für das Verbot chemischer Waffen
International Olympic Committee|!IOC|Internationales Olympisches Komitee|!IOK|Comité Olímpico Internacional|!COI
FIFA|Fifa
UEFA|Uefa
Interpol
Europol
Frontex
Eurostat
European Space Agency|!ESA
NASA|Nasa
Pentagon|Pentágono|Pentagone|Department of Defense|Defense Department|US Defense Department|U.S. Defense Department|Defence Department|!DoD|Department of War|War Department
Kremlin|Kreml
White House|Weißes Haus|Casa Blanca|Maison Blanche
State Department|US State Department|U.S. State Department|Department of State|Departamento de Estado|Département d'État|US-Außenministerium
Congress|US Congress|U.S. Congress|Kongress|US-Kongress|Congreso|Congrès
Senate|US Senate|U.S. Senate|Senat|US-Senat|Senado|Sénat
House of Representatives|US House of Representatives|Repräsentantenhaus|Cámara de Representantes|Chambre des représentants
Bundestag|German parliament
Bundesrat
Bundeswehr|German armed forces
German Chancellery|^Chancellery|Kanzleramt|Bundeskanzleramt
Bundesbank|German central bank
Federal Constitutional Court|Bundesverfassungsgericht|Constitutional Court|Verfassungsgericht|Tribunal Constitucional
Parliament|Parlament|Parlamento|Parlement
Supreme Court|US Supreme Court|U.S. Supreme Court|Oberster Gerichtshof|Tribunal Supremo|Corte Suprema|Cour suprême
FBI|Federal Bureau of Investigation
CIA|Central Intelligence Agency
NSA|National Security Agency
Department of Homeland Security|Homeland Security|!DHS
Justice Department|Department of Justice|US Justice Department|!DOJ
Treasury|US Treasury|U.S. Treasury|Treasury Department|Department of the Treasury|US-Finanzministerium
Federal Reserve|^Fed|US Federal Reserve|U.S. Federal Reserve|US-Notenbank|Reserva Federal|Réserve fédérale|Federal Reserve Board
Bank of England|!BoE|!BOE
Bank of Japan|!BoJ|!BOJ
People's Bank of China|!PBOC|!PBoC
Reuters|Thomson Reuters
Agence France-Presse|!AFP|Agence France Presse
Associated Press|!AP
BBC|British Broadcasting Corporation
CNN
dpa|Deutsche Presse-Agentur|!DPA
Xinhua|Xinhua News Agency|Neues China
TASS|Tass
RIA Novosti|!RIA
Interfax
Bloomberg|Bloomberg News
Al Jazeera|Al-Jazeera|Al Dschasira|Al Yazira
New York Times|The New York Times|!NYT
Washington Post|The Washington Post
Wall Street Journal|The Wall Street Journal|!WSJ
Financial Times|The Financial Times|!FT
EFE|Agencia EFE
ANSA
Kyodo|Kyodo News
Yonhap
IRNA
Anadolu|Anadolu Agency
Hamas|Hamás
Hezbollah|Hisbollah|Hizbulá|Hezbolá|Hizbollah|Hezbolah
Taliban|Talibán|Talibans
Islamic State|!ISIS|!ISIL|!IS|Daesh|Daech|Islamischer Staat|Estado Islámico|État islamique
al-Qaeda|al Qaeda|Al-Qaida|al Qaida|al-Kaida|Al Kaida|Al Qaeda
Houthis|Houthi|Huthi|Huthis|Huthi-Miliz|Ansar Allah|hutíes|Houthistes
Islamic Jihad|Palestinian Islamic Jihad|Islamischer Dschihad|Yihad Islámica|Jihad islamique
Fatah|Fatah
Palestinian Authority|!PA|Palestinensische Autonomiebehörde|Autoridad Palestina|Autoridad Nacional Palestina|Autorité palestinienne
PLO|Palestine Liberation Organization|!OLP|!PLO
Kurdistan Workers' Party|!PKK
Islamic Revolutionary Guard Corps|!IRGC|Revolutionary Guards|Revolutionary Guard|Revolutionsgarden|Guardia Revolucionaria|Guardianes de la Revolución|Gardiens de la révolution
Mossad
Shin Bet|Shin Beth
Israel Defense Forces|!IDF|Israeli army|Israeli military|Tsahal|Tzahal
Wagner|Wagner Group|Gruppe Wagner|Grupo Wagner|Groupe Wagner
Al-Shabaab|al-Shabab|Al Shabaab|Schabab
Boko Haram
Muslim Brotherhood|Muslimbruderschaft|Hermanos Musulmanes|Frères musulmans
Syrian Democratic Forces|!SDF
Hayat Tahrir al-Sham|!HTS
Rapid Support Forces|Rapid Support Force
Gazprom
Rosneft
Saudi Aramco|Aramco
^Apple
Google|Alphabet
Microsoft
Tesla
^Meta|Facebook
Boeing
Airbus
Volkswagen|!VW
Siemens
BMW
Mercedes-Benz|Mercedes
Deutsche Bank
Lufthansa
^Shell
BP
ExxonMobil|Exxon Mobil|Exxon
Chevron
Pfizer
Moderna
BioNTech|Biontech
Huawei
TikTok
Samsung
Toyota
Sony
Nvidia
Goldman Sachs
JPMorgan|JPMorgan Chase|JP Morgan
Morgan Stanley
SpaceX
OpenAI
Downing Street|Number 10|No 10|No. 10
Elysee|Élysée|Elysee Palace|Élysée Palace|Élysée-Palast|Palacio del Elíseo|Palais de l'Élysée
Moncloa
Duma|State Duma|Staatsduma|Douma
Knesset|Knéset
Politburo|Politbüro
Chinese Communist Party|!CCP|!CPC|Communist Party of China|Kommunistische Partei Chinas|Partido Comunista de China|Parti communiste chinois
Republican Party|!GOP|^Republicans
Democratic Party|^Democrats
CDU|Christian Democratic Union|Christlich Demokratische Union
CSU|Christian Social Union
SPD|Social Democratic Party of Germany|Sozialdemokratische Partei Deutschlands
AfD|Alternative für Deutschland|Alternative for Germany
FDP|Free Democratic Party
Conservative Party|Tories|^Conservatives
Labour Party|^Labour
Scotland Yard|Metropolitan Police|Met Police
MI5
MI6|Secret Intelligence Service
BND|Bundesnachrichtendienst
FSB|Federal Security Service
KGB
Federal Aviation Administration|!FAA
Food and Drug Administration|!FDA
Centers for Disease Control and Prevention|!CDC
Securities and Exchange Commission|!SEC
Environmental Protection Agency|!EPA
Federal Trade Commission|!FTC
National Transportation Safety Board|!NTSB
Secret Service
Immigration and Customs Enforcement|!ICE
National Guard
Greenpeace
WWF|World Wide Fund for Nature
Moody's|Moodys
Fitch|Fitch Ratings
S&P|Standard & Poor's|S&P Global
Nasdaq
New York Stock Exchange|!NYSE
Wall Street
Bank of Canada
Swiss National Bank|!SNB
Reserve Bank of India|!RBI
`;

const ORG_SUFFIXES =
  'ministry ministries party council commission agency bank university inc incorporated corp corporation ltd limited ' +
  'llc plc gmbh ag sa spa nv bv co company companies group association union committee court institute institution ' +
  'foundation organization organisation department office army police authority board bureau fund federation front ' +
  'movement league alliance coalition holdings airlines airways forces force guard navy service services society trust ' +
  'network times post news assembly parliament senate congress tribunal center centre college school hospital church ' +
  'club brigade brigades corps secretariat directorate commissariat cabinet government administration agency ' +
  'ministerium partei rat kommission agentur universitat verband gericht stiftung behorde amt gruppe bundesamt ' +
  'ministerio partido consejo comision agencia banco universidad asociacion fundacion instituto ejercito ' +
  'ministere parti conseil agence banque universite fondation institut cour armee';

// ---------------------------------------------------------------------------------------------
// Titles and roles.

const EN_TITLES =
  'president chancellor minister premier secretary senator congressman congresswoman congressmember ' +
  'representative governor mayor ambassador spokesman spokeswoman spokesperson envoy negotiator chief ceo cfo coo ' +
  'cto chairman chairwoman chairperson chair king queen prince princess pope cardinal archbishop bishop rabbi imam ' +
  'cleric ayatollah sheikh emir sultan emperor empress duke duchess general admiral colonel lieutenant major ' +
  'captain sergeant commander marshal brigadier judge prosecutor attorney lawyer official officials leader head ' +
  'director dictator monarch speaker lawmaker legislator deputy mp mep commissioner administrator inspector ' +
  'superintendent ombudsman executive founder cofounder owner aide adviser advisor counsellor counselor coach ' +
  'manager analyst economist professor scientist researcher historian author journalist reporter correspondent ' +
  'editor activist consultant investor businessman businesswoman entrepreneur billionaire tycoon actor actress ' +
  'singer striker midfielder goalkeeper defender diplomat strategist chairman spymaster viceroy regent crown ' +
  'sen rep gov gen col lt sgt capt adm maj cmdr supt insp pres president-elect';

const EN_MULTI = [
  'prime minister',
  'first minister',
  'chief minister',
  'secretary of state',
  'home secretary',
  'chancellor of the exchequer',
  'attorney general',
  'solicitor general',
  'secretary general',
  'director general',
  'managing director',
  'chief executive',
  'chief executive officer',
  'chief financial officer',
  'chief operating officer',
  'chief of staff',
  'chief of the general staff',
  'chief of general staff',
  'chief justice',
  'national security adviser',
  'national security advisor',
  'press secretary',
  'commander in chief',
  'supreme leader',
  'crown prince',
  'crown princess',
  'first lady',
  'first gentleman',
  'governor general',
  'high commissioner',
  'high representative',
  'foreign policy chief',
  'speaker of the house',
  'house speaker',
  'majority leader',
  'minority leader',
  'senate majority leader',
  'senate minority leader',
  'opposition leader',
  'party leader',
  'army chief',
  'military chief',
  'intelligence chief',
  'police chief',
  'spy chief',
  'central bank governor',
  'supreme court justice',
  'head of state',
  'head of government',
  'secretary of defense',
  'secretary of defence',
  'secretary of the treasury',
  'secretary of homeland security',
  'united nations secretary general',
  'special envoy',
  'special representative',
  'chief negotiator',
  'chief prosecutor',
  'public prosecutor',
  'district attorney',
  'police commissioner',
  'fire chief',
  'team captain',
  'head coach',
  'prime minister designate',
];

const EN_DOMAINS = [
  'foreign',
  'defence',
  'defense',
  'interior',
  'home',
  'finance',
  'economy',
  'economic',
  'economics',
  'health',
  'justice',
  'energy',
  'trade',
  'commerce',
  'education',
  'environment',
  'agriculture',
  'labour',
  'labor',
  'transport',
  'transportation',
  'culture',
  'tourism',
  'industry',
  'development',
  'treasury',
  'climate',
  'digital',
  'science',
  'immigration',
  'foreign affairs',
  'european affairs',
  'homeland security',
  'intelligence',
  'security',
  'housing',
  'social affairs',
  'family',
  'oil',
  'petroleum',
  'information',
  'communications',
  'war',
  'state',
  'infrastructure',
  'public works',
  'water',
  'fisheries',
  'sports',
  'youth',
  'veterans',
  'mining',
  'mines',
  'planning',
  'technology',
  'innovation',
  'budget',
  'international trade',
  'foreign trade',
  'public health',
  'natural resources',
  'regional development',
  'telecommunications',
];

const EN_DOMAIN_HEADS = [
  'minister',
  'secretary',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'chief',
  'official',
  'officials',
];

/** Words that may precede a title and belong to it ("deputy foreign minister", "former president"). */
const TITLE_MODIFIERS = new Set(
  'deputy vice acting interim former ex outgoing incoming assistant associate junior senior chief top then caretaker lead principal joint co'.split(
    ' ',
  ),
);

/** German titles; each also gets its feminine "-in" form. */
const DE_TITLES =
  'Kanzler Bundeskanzler Vizekanzler Minister Bundesminister Präsident Bundespräsident Ministerpräsident ' +
  'Vizepräsident Sprecher Regierungssprecher Pressesprecher Botschafter Bürgermeister Oberbürgermeister ' +
  'Staatssekretär Generalsekretär Staatsminister Chef Parteichef Regierungschef Staatschef Fraktionschef ' +
  'Vorsitzender Parteivorsitzender Gouverneur Senator Abgeordneter Unterhändler Gesandter Direktor ' +
  'Generaldirektor Richter Staatsanwalt Bundesanwalt Kommissar Oberbefehlshaber Befehlshaber Sprecher ' +
  'Geschäftsführer Vorstandschef Vorstandsvorsitzender Konzernchef Aufsichtsratschef Verteidigungsexperte';

const DE_ADJ_NOUNS = new Set([
  'Vorsitzender',
  'Parteivorsitzender',
  'Vorstandsvorsitzender',
  'Abgeordneter',
  'Gesandter',
]);

const DE_DOMAINS =
  'außen verteidigungs innen finanz wirtschafts gesundheits justiz umwelt bildungs arbeits verkehrs ' +
  'landwirtschafts entwicklungs energie klima familien kultur agrar sozial bau forschungs digital europa';

const DE_FIXED_M = 'König Prinz Papst Kaiser Herzog Kronprinz Scheich Emir Sultan Kardinal Erzbischof';
/** Military ranks: titles, but not gendered. */
const DE_RANKS = 'General Admiral Oberst Leutnant Hauptmann Major Bischof';
const DE_FIXED_F = 'Königin Prinzessin Kaiserin Herzogin Kronprinzessin';

/** Spanish titles as [masculine, feminine] (a lone form is common to both). */
const ES_TITLES: [string, string?][] = [
  ['presidente', 'presidenta'],
  ['vicepresidente', 'vicepresidenta'],
  ['ministro', 'ministra'],
  ['primer ministro', 'primera ministra'],
  ['secretario', 'secretaria'],
  ['secretario general', 'secretaria general'],
  ['secretario de estado', 'secretaria de estado'],
  ['embajador', 'embajadora'],
  ['gobernador', 'gobernadora'],
  ['senador', 'senadora'],
  ['diputado', 'diputada'],
  ['alcalde', 'alcaldesa'],
  ['director', 'directora'],
  ['director general', 'directora general'],
  ['jefe', 'jefa'],
  ['jefe de gobierno', 'jefa de gobierno'],
  ['jefe de estado', 'jefa de estado'],
  ['jefe de la diplomacia', 'jefa de la diplomacia'],
  ['presidente del gobierno', 'presidenta del gobierno'],
  ['juez', 'jueza'],
  ['fiscal'],
  ['portavoz'],
  ['canciller'],
  ['líder'],
  ['alto representante', 'alta representante'],
  ['negociador', 'negociadora'],
  ['enviado', 'enviada'],
  ['consejero delegado', 'consejera delegada'],
];

const ES_DOMAINS = [
  'asuntos exteriores',
  'exteriores',
  'relaciones exteriores',
  'defensa',
  'economía',
  'hacienda',
  'sanidad',
  'salud',
  'justicia',
  'energía',
  'comercio',
  'educación',
  'trabajo',
  'transportes',
  'cultura',
  'agricultura',
  'industria',
  'interior',
];

const ES_FIXED_M = 'rey príncipe papa emperador duque jeque emir sultán cardenal';
const ES_FIXED_F = 'reina princesa emperatriz duquesa';

/** French titles as [masculine, feminine]. */
const FR_TITLES: [string, string?][] = [
  ['président', 'présidente'],
  ['vice-président', 'vice-présidente'],
  ['ministre'],
  ['premier ministre', 'première ministre'],
  ['chancelier', 'chancelière'],
  ['maire'],
  ['ambassadeur', 'ambassadrice'],
  ['gouverneur'],
  ['sénateur', 'sénatrice'],
  ['député', 'députée'],
  ['directeur', 'directrice'],
  ['directeur général', 'directrice générale'],
  ["secrétaire d'état"],
  ['secrétaire général', 'secrétaire générale'],
  ['porte-parole'],
  ['juge'],
  ['procureur', 'procureure'],
  ['dirigeant', 'dirigeante'],
  ['chef'],
  ['chef de la diplomatie'],
  ["chef de l'état"],
  ['chef du gouvernement'],
  ['négociateur', 'négociatrice'],
  ['envoyé', 'envoyée'],
  ['haut représentant', 'haute représentante'],
];

const FR_DOMAINS = [
  'des affaires étrangères',
  'de la défense',
  'des armées',
  "de l'intérieur",
  "de l'économie",
  'des finances',
  'de la santé',
  'de la justice',
  "de l'énergie",
  'du commerce',
  "de l'éducation",
  'du travail',
  'des transports',
  'de la culture',
  "de l'agriculture",
];

const FR_FIXED_M = 'roi prince pape empereur duc cheikh émir sultan cardinal';
const FR_FIXED_F = 'reine princesse impératrice duchesse';

const EN_FEMALE_TITLES =
  'spokeswoman chairwoman congresswoman businesswoman queen princess duchess empress actress countess baroness ' +
  'first lady crown princess madam dame lady nun abbess headmistress policewoman stateswoman sportswoman';
const EN_MALE_TITLES =
  'spokesman chairman congressman businessman king prince duke emperor pope sheikh emir sultan crown prince ' +
  'count baron first gentleman cardinal imam ayatollah monk headmaster policeman statesman sportsman lord sir';

const HONORIFICS: [string, 'f' | 'm' | undefined][] = [
  ['mr', 'm'],
  ['mrs', 'f'],
  ['ms', 'f'],
  ['miss', 'f'],
  ['mx', undefined],
  ['dr', undefined],
  ['prof', undefined],
  ['sir', 'm'],
  ['dame', 'f'],
  ['lord', 'm'],
  ['lady', 'f'],
  ['madam', 'f'],
  ['rev', undefined],
  ['reverend', undefined],
  ['hon', undefined],
  ['herr', 'm'],
  ['frau', 'f'],
  ['fräulein', 'f'],
  ['señor', 'm'],
  ['señora', 'f'],
  ['señorita', 'f'],
  ['sr', 'm'],
  ['sra', 'f'],
  ['srta', 'f'],
  ['don', 'm'],
  ['doña', 'f'],
  ['m', 'm'],
  ['mme', 'f'],
  ['mlle', 'f'],
  ['monsieur', 'm'],
  ['madame', 'f'],
  ['mademoiselle', 'f'],
];

// ---------------------------------------------------------------------------------------------
// Given names (English, German, French, Spanish, Arabic, Russian/Ukrainian transliterations and a
// few others common in the news). Names used for both sexes are left out on purpose.

const FEMALE_NAMES =
  'mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret sandra ' +
  'ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca sharon laura ' +
  'cynthia kathleen amy shirley angela helen anna brenda pamela nicole emma samantha katherine christine debra ' +
  'rachel catherine carolyn janet ruth maria heather diane virginia julie joyce victoria olivia kelly christina ' +
  'lauren joan evelyn judith megan cheryl martha frances hannah jacqueline ann anne gloria kathryn alice teresa ' +
  'sara janice doris madison julia grace judy abigail marie denise beverly amber theresa marilyn danielle diana ' +
  'brittany natalie sophia rose isabella alexis kayla charlotte hillary kamala nikki condoleezza madeleine liz ' +
  'kate jill melania ivanka ursula kaja annalena giorgia marine segolene elisabeth sophie claire isabelle ' +
  'nathalie valerie sandrine celine aurelie brigitte chantal francoise monique sylvie helene agnes mathilde lea ' +
  'chloe manon amelie emmanuelle rachida najat annegret svenja franziska manuela sahra katarina petra sabine ' +
  'claudia susanne birgit ingrid heike monika ulrike anja katrin lena mia leonie johanna ricarda luisa greta ' +
  'carmen isabel lucia ana pilar dolores mercedes rosa elena cristina marta raquel beatriz yolanda irene sofia ' +
  'paula ines alba ximena gabriela daniela valentina camila fernanda luz guadalupe fatima aisha aicha maryam ' +
  'mariam leila layla zainab amira yasmin yasmine salma huda hanan rania samira khadija hind rana reem lina ' +
  'farah iman nadia sana olga tatiana tatyana natalia natalya svetlana irina ekaterina yekaterina anastasia ' +
  'yulia yuliya marina lyudmila galina nina oksana alla larisa vera nadezhda darya daria kseniya ksenia alina ' +
  'viktoriya indira sonia priya jacinda sanna mette magdalena roberta ngozi ellen dilma michelle xiomara maia ' +
  'salome ingrida viola kristalina kristi penny suella priti yvette harriet caroline emily angelique ' +
  'louise francesca federica chiara giulia alessandra silvia simona benedetta elif ayse fatma zeynep meryem ' +
  'hasina benazir maryam shirin narges golshifteh marieke sanne femke anouk annemarie mette kirsten ingeborg ' +
  'astrid sigrid agnieszka katarzyna malgorzata beata ewa jolanta zuzana';

const MALE_NAMES =
  'james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony mark ' +
  'donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob gary ' +
  'nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick ' +
  'raymond jack dennis jerry tyler aaron adam nathan henry douglas zachary peter kyle walter ethan jeremy harold ' +
  'keith roger noah gerald carl terry sean austin arthur lawrence jesse dylan bryan joe billy bruce albert ' +
  'willie logan alan wayne roy ralph randy eugene vincent russell elijah louis bobby philip johnny barack bill ' +
  'mike tony boris keir rishi gordon nigel antony lloyd marco jake chuck mitch ron ted bernie pete kurt vladimir ' +
  'dmitry dmitri sergei sergey andrei andrey alexei alexey aleksei mikhail nikolai ivan yevgeny evgeny igor oleg ' +
  'yuri viktor pavel maxim konstantin anatoly valery gennady ramzan volodymyr oleksandr oleksiy dmytro petro ' +
  'vitali vitaliy andriy mykhailo serhiy yuriy taras denys kyrylo olaf friedrich markus karl wolfgang hans ' +
  'jurgen klaus dieter helmut gerhard horst stefan andreas matthias martin sebastian tobias florian lukas jan ' +
  'jens uwe heiko hubertus cem lars norbert armin joachim rolf gunter werner heinz manfred ulrich rainer bernd ' +
  'volker joschka emmanuel francois jean-luc jean-marie jean-yves jean-pierre jean-claude jean-marc jean-michel ' +
  'jean-louis jean-noel jean-paul nicolas jacques pierre michel philippe alain bernard edouard bruno gerald ' +
  'olivier laurent julien sebastien thierry didier yves hugo lucas mathieu antoine guillaume benoit clement ' +
  'arnaud remi xavier pedro pablo alberto mariano jose felipe carlos luis javier miguel antonio manuel francisco ' +
  'fernando jorge alejandro rafael sergio santiago diego andres ricardo gustavo enrique raul gonzalo alvaro ' +
  'inigo alfonso emiliano luiz jair nayib evo fidel mohammed muhammad mohamed mohammad ahmed ahmad ali hassan ' +
  'hussein hussain omar khalid abdullah abdul ibrahim mahmoud mahmud mustafa youssef yusuf yousef salman faisal ' +
  'hamad tamim bashar hafez ismail ayman osama saddam nasser khaled karim tariq walid ziad samir sami nabil ' +
  'bassam fadi rami jamal hamid masoud ebrahim hossein javad mojtaba hakan recep tayyip ekrem benjamin yair ' +
  'naftali benny isaac yitzhak ehud moshe avi narendra rahul imran shehbaz nawaz asif jinping fumio shinzo ' +
  'shigeru yoshihide kishida lula giuseppe giovanni matteo luigi mario sergio silvio enrico paolo francesco ' +
  'alessandro lorenzo roberto stefano mehmet mustafa kemal abiy paul cyril jacob uhuru william yoweri muhammadu ' +
  'bola emmerson dick wopke hendrik pieter geert maarten sjoerd henrik jonas magnus ulf mateusz andrzej ' +
  'donald jaroslaw radoslaw viktor zoran aleksandar milos';

// ---------------------------------------------------------------------------------------------
// Compilation (once, on first use).

type Strict = 0 | 1 | 2;

interface Entry<T> {
  val: T;
  strict: Strict;
}

/** Strips the strictness marker from a data alias. Dotted capitals ("U.S.", "U.N.") are strict too. */
function marker(alias: string): { text: string; strict: Strict } {
  if (alias.startsWith('!')) return { text: alias.slice(1), strict: 2 };
  if (alias.startsWith('^')) return { text: alias.slice(1), strict: 1 };
  if (/^(?:[A-Z]+\.)+[A-Z]*$/.test(alias)) return { text: alias, strict: 2 };
  return { text: alias, strict: 0 };
}

function addEntry<T>(map: Map<string, Entry<T>[]>, alias: string, val: T): void {
  const { text, strict } = marker(alias);
  const key = foldName(text);
  if (!key) return;
  let arr = map.get(key);
  if (!arr) {
    arr = [];
    map.set(key, arr);
  }
  // a plain alias always beats a marked one for the same key; otherwise the first entry wins
  if (arr.some((e) => e.strict === strict)) return;
  arr.push({ val, strict });
  arr.sort((a, b) => a.strict - b.strict);
}

/** Input written as the marker demands: all capitals for `!`, not all lower case for `^`. */
function passes(input: string, strict: Strict): boolean {
  if (strict === 0) return true;
  const letters = input.replace(/[^\p{L}]/gu, '');
  if (strict === 2) return letters !== '' && letters === letters.toUpperCase();
  return letters !== letters.toLowerCase();
}

function lookupIn<T>(map: Map<string, Entry<T>[]>, name: string): T | undefined {
  let key = foldName(name);
  for (let attempt = 0; attempt < 2; attempt++) {
    const arr = map.get(key);
    if (arr) for (const e of arr) if (passes(name, e.strict)) return e.val;
    if (!key.startsWith('the ')) break;
    key = key.slice(4);
  }
  return undefined;
}

function lines(block: string): string[] {
  return block
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

interface Compiled {
  places: Map<string, Entry<{ canonical: string; type: PlaceType }>[]>;
  orgs: Map<string, Entry<{ canonical: string }>[]>;
  demonyms: Map<string, Entry<string>[]>;
  orgSuffixes: Set<string>;
  titleTrie: TrieNode;
  titleWords: Set<string>;
  germanTitles: Set<string>;
  titleGender: Map<string, 'f' | 'm'>;
  honorifics: Map<string, 'f' | 'm' | undefined>;
  names: Map<string, 'f' | 'm'>;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  end: boolean;
}

let compiled: Compiled | undefined;

function inflectDe(w: string): string[] {
  const f = foldName(w);
  return f.endsWith('isch') || f === 'deutsch' ? ['', 'e', 'en', 'er', 'es', 'em'].map((e) => f + e) : [f];
}

function inflectEs(w: string): string[] {
  const f = foldName(w);
  if (f.endsWith('o')) return ['o', 'a', 'os', 'as'].map((e) => f.slice(0, -1) + e);
  if (/[nslrz]$/.test(f)) return ['', 'a', 'es', 'as'].map((e) => f + e);
  if (f.endsWith('i')) return ['', 'es', 's'].map((e) => f + e);
  return [f, `${f}s`];
}

function inflectFr(w: string): string[] {
  const f = foldName(w);
  if (f.endsWith('en')) return ['', 'ne', 's', 'nes'].map((e) => f + e);
  if (f.endsWith('e')) return [f, `${f}s`];
  if (f.endsWith('s')) return ['', 'e', 'es'].map((e) => f + e);
  if (f.endsWith('c')) return [f];
  return ['', 'e', 's', 'es'].map((e) => f + e);
}

function addTitle(c: Compiled, title: string, gender?: 'f' | 'm'): void {
  const key = foldName(title);
  if (!key) return;
  let node = c.titleTrie;
  for (const w of key.split(' ')) {
    let nx = node.next.get(w);
    if (!nx) {
      nx = { next: new Map(), end: false };
      node.next.set(w, nx);
    }
    node = nx;
  }
  node.end = true;
  c.titleWords.add(key);
  if (gender && !c.titleGender.has(key)) c.titleGender.set(key, gender);
}

function compile(): Compiled {
  const c: Compiled = {
    places: new Map(),
    orgs: new Map(),
    demonyms: new Map(),
    orgSuffixes: new Set(ORG_SUFFIXES.split(' ')),
    titleTrie: { next: new Map(), end: false },
    titleWords: new Set(),
    germanTitles: new Set(),
    titleGender: new Map(),
    honorifics: new Map(),
    names: new Map(),
  };
  // countries first: "Georgia" and "Luxembourg" are countries before a state or city
  const placeBlocks: [string, PlaceType][] = [
    [COUNTRIES, 'country'],
    [CITIES, 'city'],
    [US_STATES, 'state'],
    [REGIONS, 'region'],
  ];
  for (const [block, type] of placeBlocks) {
    for (const line of lines(block)) {
      const parts = line.split('|');
      const canonical = marker(parts[0]).text;
      for (const p of parts) addEntry(c.places, p, { canonical, type });
    }
  }
  for (const line of lines(ORGS)) {
    const parts = line.split('|');
    const canonical = marker(parts[0]).text;
    for (const p of parts) addEntry(c.orgs, p, { canonical });
  }
  for (const line of lines(DEMONYMS)) {
    const [country, rest] = line.split('=');
    const groups = rest.split(';');
    for (const g of groups) {
      const m = /^(de|es|fr):(.*)$/.exec(g);
      const lang = m?.[1] ?? 'en';
      for (const w of (m?.[2] ?? g).split(',')) {
        const { text, strict } = marker(w);
        const forms =
          lang === 'de'
            ? inflectDe(text)
            : lang === 'es'
              ? inflectEs(text)
              : lang === 'fr'
                ? inflectFr(text)
                : [text];
        for (const f of forms)
          addEntry(c.demonyms, (strict === 2 ? '!' : strict === 1 ? '^' : '') + f, country);
      }
    }
  }
  // titles
  for (const t of EN_TITLES.split(' ')) addTitle(c, t);
  for (const t of EN_MULTI) addTitle(c, t);
  for (const d of EN_DOMAINS) {
    for (const h of EN_DOMAIN_HEADS) addTitle(c, `${d} ${h}`);
    for (const h of ['spokesman', 'spokeswoman', 'spokesperson', 'official', 'officials'])
      addTitle(c, `${d} ministry ${h}`);
    addTitle(c, `minister of ${d}`);
    addTitle(c, `minister for ${d}`);
    addTitle(c, `secretary of ${d}`);
  }
  for (const t of EN_FEMALE_TITLES.split(' ')) addTitle(c, t, 'f');
  for (const t of EN_MALE_TITLES.split(' ')) addTitle(c, t, 'm');
  addTitle(c, 'first lady', 'f');
  addTitle(c, 'crown princess', 'f');
  addTitle(c, 'crown prince', 'm');
  addTitle(c, 'first gentleman', 'm');
  const deBases = DE_TITLES.split(' ');
  for (const d of DE_DOMAINS.split(' ')) deBases.push(`${d}minister`);
  for (const b of deBases) {
    // adjectival nouns drop the "-r" ("Vorsitzender" → "Vorsitzende"); the rest add "-in"
    const fem = DE_ADJ_NOUNS.has(b) ? b.slice(0, -1) : `${b}in`;
    addTitle(c, b);
    addTitle(c, fem, 'f');
    c.germanTitles.add(foldName(b));
  }
  for (const t of DE_FIXED_M.split(' ')) addTitle(c, t, 'm');
  for (const t of DE_RANKS.split(' ')) addTitle(c, t);
  for (const t of DE_FIXED_F.split(' ')) addTitle(c, t, 'f');
  // Spanish "presidente" (m) is folded French "présidente" (f): such a form implies no gender
  const masculine = new Set<string>();
  const pair = (m: string, f?: string): void => {
    addTitle(c, m);
    masculine.add(foldName(m));
    c.titleGender.delete(foldName(m));
    if (f) addTitle(c, f, masculine.has(foldName(f)) ? undefined : 'f');
  };
  for (const [m, f] of ES_TITLES) pair(m, f);
  for (const d of ES_DOMAINS) {
    const prep = d === 'interior' ? 'del' : 'de';
    addTitle(c, `ministro ${prep} ${d}`);
    addTitle(c, `ministra ${prep} ${d}`, 'f');
  }
  for (const t of ES_FIXED_M.split(' ')) addTitle(c, t, 'm');
  for (const t of ES_FIXED_F.split(' ')) addTitle(c, t, 'f');
  for (const [m, f] of FR_TITLES) pair(m, f);
  for (const d of FR_DOMAINS) addTitle(c, `ministre ${d}`);
  for (const t of FR_FIXED_M.split(' ')) addTitle(c, t, 'm');
  for (const t of FR_FIXED_F.split(' ')) addTitle(c, t, 'f');
  for (const [h, g] of HONORIFICS) c.honorifics.set(foldName(h), g);
  for (const n of FEMALE_NAMES.split(' ')) c.names.set(foldName(n), 'f');
  for (const n of MALE_NAMES.split(' ')) if (!c.names.has(foldName(n))) c.names.set(foldName(n), 'm');
  return c;
}

function data(): Compiled {
  compiled ??= compile();
  return compiled;
}

// ---------------------------------------------------------------------------------------------
// Public API.

/**
 * A country, city, US state or region by any of its names (English, German, Spanish, French,
 * common exonyms and abbreviations), mapped to one canonical English name.
 *
 * @example
 * ```ts
 * lookupPlace('Deutschland'); // { canonical: 'Germany', type: 'country' }
 * lookupPlace('U.S.');        // { canonical: 'United States', type: 'country' }
 * lookupPlace('us');          // undefined: the pronoun, not the country
 * ```
 */
export function lookupPlace(name: string): { canonical: string; type: PlaceType } | undefined {
  const hit = lookupIn(data().places, name);
  return hit ? { ...hit } : undefined;
}

/**
 * An organisation or institution by name, acronym or alias.
 *
 * @example
 * ```ts
 * lookupOrg('U.N.');  // { canonical: 'United Nations' }
 * lookupOrg('OTAN');  // { canonical: 'NATO' }
 * ```
 */
export function lookupOrg(name: string): { canonical: string } | undefined {
  const hit = lookupIn(data().orgs, name);
  return hit ? { ...hit } : undefined;
}

/**
 * The country (or region, for "European", "African", "Asian") a demonym or nationality adjective
 * refers to. Plurals and German, Spanish and French inflections are recognised.
 *
 * @example
 * ```ts
 * demonymCountry('Iranian');    // 'Iran'
 * demonymCountry('Germans');    // 'Germany'
 * demonymCountry('französische'); // 'France'
 * ```
 */
export function demonymCountry(word: string): string | undefined {
  const d = data().demonyms;
  const hit = lookupIn(d, word);
  if (hit) return hit;
  // English plurals: "Germans", "Israelis"
  const w = word.trim();
  if (/s$/i.test(w) && !/ss$/i.test(w)) return lookupIn(d, w.slice(0, -1));
  return undefined;
}

/**
 * Whether a word typically ends an organisation name ("Ministry", "Party", "Inc", "Bank", ...).
 *
 * @example
 * ```ts
 * isOrgSuffix('Commission'); // true
 * ```
 */
export function isOrgSuffix(word: string): boolean {
  return data().orgSuffixes.has(foldName(word));
}

/**
 * The longest title or role starting at `words[i]`, folded ("foreign minister", "aussenminister"),
 * with the number of words it covers. Modifiers such as "deputy", "former" or "acting" are part of
 * the title when a title follows them.
 *
 * @example
 * ```ts
 * matchTitle(['German', 'Foreign', 'Minister', 'Annalena'], 1); // { title: 'foreign minister', length: 2 }
 * matchTitle(['Deputy', 'Prime', 'Minister'], 0); // { title: 'deputy prime minister', length: 3 }
 * ```
 */
export function matchTitle(words: string[], i: number): { title: string; length: number } | undefined {
  const c = data();
  // split words into folded sub-words ("Secretary-General" → secretary, general), keeping word ends
  const subs: { w: string; word: number; last: boolean }[] = [];
  for (let p = i; p < words.length && p < i + 8; p++) {
    const parts = foldName(words[p] ?? '')
      .split(' ')
      .filter(Boolean);
    parts.forEach((w, k) => {
      subs.push({ w, word: p, last: k === parts.length - 1 });
    });
    if (!parts.length) break;
  }
  const walk = (from: number): number => {
    let node = c.titleTrie;
    let best = -1;
    for (let s = from; s < subs.length; s++) {
      const nx = node.next.get(subs[s].w);
      if (!nx) break;
      node = nx;
      if (node.end && subs[s].last) best = s;
    }
    return best;
  };
  let bestEnd = walk(0);
  for (let m = 0; m < subs.length && m < 3 && TITLE_MODIFIERS.has(subs[m].w); m++) {
    const e = walk(m + 1);
    if (e > bestEnd) bestEnd = e;
  }
  if (bestEnd < 0) return undefined;
  return {
    title: subs
      .slice(0, bestEnd + 1)
      .map((s) => s.w)
      .join(' '),
    length: subs[bestEnd].word - i + 1,
  };
}

/**
 * Whether a single word (or hyphenated word) is a title or role on its own ("president",
 * "Außenminister", "ministra", "Secretary-General").
 *
 * @example
 * ```ts
 * isTitleWord('Chancellor'); // true
 * ```
 */
export function isTitleWord(word: string): boolean {
  return data().titleWords.has(foldName(word));
}

/**
 * Whether a word is an honorific ("Mr", "Mrs.", "Dr", "Frau", "Señora", "Mme").
 *
 * @example
 * ```ts
 * isHonorific('Mrs.'); // true
 * ```
 */
export function isHonorific(word: string): boolean {
  return data().honorifics.has(foldName(word));
}

/**
 * The grammatical gender a title or honorific implies, if any ("spokeswoman", "Mrs", "Kanzlerin",
 * "ministra" → 'f'; "spokesman", "Mr", "King" → 'm'; "president", "ministro" → undefined).
 *
 * @example
 * ```ts
 * titleGender('Bundeskanzlerin'); // 'f'
 * ```
 */
export function titleGender(titleOrHonorific: string): 'f' | 'm' | undefined {
  const c = data();
  const key = foldName(titleOrHonorific);
  if (c.honorifics.has(key)) return c.honorifics.get(key);
  const direct = c.titleGender.get(key);
  if (direct) return direct;
  const words = key.split(' ');
  // "deputy spokeswoman", "primera ministra de defensa": the first gendered word decides
  for (const w of words) {
    const g = c.titleGender.get(w) ?? c.honorifics.get(w);
    if (g) return g;
  }
  // German feminine "-in" of any known title ("Verteidigungsministerin")
  const last = words[words.length - 1];
  if (last.endsWith('in') && c.germanTitles.has(last.slice(0, -2))) return 'f';
  return undefined;
}

/**
 * The usual gender of a given name, when the name is not used for both ("Annalena" → 'f',
 * "Olaf" → 'm', "Jean-Luc" → 'm', "Alex" → undefined).
 *
 * @example
 * ```ts
 * givenNameGender('Kamala'); // 'f'
 * ```
 */
export function givenNameGender(name: string): 'f' | 'm' | undefined {
  const c = data();
  const key = foldName(name);
  const hit = c.names.get(key);
  if (hit) return hit;
  // "Marie-Christine", "Frank-Walter": the first part decides
  const first = key.split(' ')[0];
  return first !== key ? c.names.get(first) : undefined;
}

/** Sizes of the compiled tables (for tests and diagnostics). */
export function gazetteerStats(): Record<string, number> {
  const c = data();
  const canon = <T>(m: Map<string, Entry<T>[]>, f: (v: T) => string): number => {
    const s = new Set<string>();
    for (const arr of m.values()) for (const e of arr) s.add(f(e.val));
    return s.size;
  };
  const byType = (t: PlaceType): number => {
    const s = new Set<string>();
    for (const arr of c.places.values()) for (const e of arr) if (e.val.type === t) s.add(e.val.canonical);
    return s.size;
  };
  return {
    countries: byType('country'),
    cities: byType('city'),
    states: byType('state'),
    regions: byType('region'),
    orgs: canon(c.orgs, (v) => v.canonical),
    demonyms: c.demonyms.size,
    titles: c.titleWords.size,
    names: c.names.size,
  };
}
