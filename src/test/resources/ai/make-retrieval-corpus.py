#!/usr/bin/env python3
"""Writes retrieval-corpus.json: the seeded corpus of AiRetrievalQualityTest (run from the repository root).
Targets are contact notes with one question each whose answer is that note (English questions paraphrase it, Russian
questions use other word forms); distractors are the everyday notes of the same CRM in both languages."""
import json, random

EN = [
 ("The client reports a hairline crack on the carbon frame near the bottom bracket and asks whether the seller knew.", "Which customer found a small fracture in the frame close to the crank area?"),
 ("Client wants to split the full payment into two bank transfers because of a card limit.", "Who asked to pay the remaining amount in two instalments?"),
 ("The seller in Munich refuses to hand the bike to the courier until the money arrives on his account.", "Which vendor will not release the bicycle before he is paid?"),
 ("Customs in Brest held the parcel for three extra days because the invoice lacked the serial number.", "Why was the shipment stuck at the border?"),
 ("The client asked to swap the saddle for a women's model before shipping.", "Who wanted a different seat fitted for a female rider?"),
 ("Expert found worn brake pads and a stretched chain; he recommends replacing both before delivery.", "Which inspection said the drivetrain and stopping parts are worn out?"),
 ("Client is unhappy with the scratches on the top tube and demands a partial compensation.", "Who wants some money back for cosmetic damage to the paint?"),
 ("The warehouse repacked the e-bike battery separately because airlines do not accept lithium cells in the box.", "Why was the electric bicycle's power pack shipped on its own?"),
 ("The buyer prefers to be contacted only in the evening after 7 pm on Telegram.", "When and how does the client like to be reached?"),
 ("Seller sent new photos of the rear derailleur hanger, which looks slightly bent.", "Were there pictures showing a damaged gear mount?"),
 ("Client asked whether the bike fits a rider who is 192 cm tall; the frame size is XL.", "Is the bicycle big enough for a very tall person?"),
 ("The tracking number from DHL does not show any movement for five days.", "Which parcel has not moved according to the courier's website?"),
 ("The client cancelled because he found a cheaper bike locally and asked for the reserve back.", "Who withdrew the order after finding a better price nearby?"),
 ("Manager promised to send the expert's video of the test ride by Friday.", "When will the recording of the road test be shared?"),
 ("The bike arrived with a punctured rear tyre; the client fixed it himself and wants no refund.", "Who had a flat on arrival but did not ask for money?"),
 ("The seller included an extra set of wheels and a bike computer as a gift.", "Which deal came with bonus accessories at no charge?"),
 ("Client's company needs an invoice issued to a legal entity with VAT details.", "Who requires a business bill with tax information?"),
 ("The hydraulic disc brakes squeal; the expert bled the brakes and replaced the rotors.", "Which bicycle had noisy stopping that the specialist repaired?"),
 ("Client changed the delivery address from Moscow to Saint Petersburg after the bike had shipped.", "Who moved the destination city while the parcel was already on its way?"),
 ("The carbon wheels were not original; the seller admitted replacing them with aluminium ones.", "Where were the rims swapped for cheaper metal ones?"),
 ("Client is a returning customer who bought two bikes last year and expects a loyalty discount.", "Which repeat buyer hopes for a price reduction for staying with us?"),
 ("The box was damaged in transit; the warehouse took photos and opened a claim with the carrier.", "Was a complaint filed with the transport company about the crushed package?"),
 ("Client asked to postpone delivery until after his vacation in July.", "Who wants the bike to come later because he is away on holiday?"),
 ("The serial number on the frame does not match the one in the seller's purchase receipt.", "Which bike had an identification mismatch with its paperwork?"),
 ("Client wants the pedals and bottle cages removed to save weight in shipping.", "Who asked to take off small parts to make the package lighter?"),
]
RU = [
 ("Клиентка просит перенести доставку велосипеда на следующую неделю из-за командировки.", "Какая клиентка в командировке и просит перенести доставку?"),
 ("Продавец из Гамбурга выслал дополнительные фотографии рамы и вилки.", "Кто из продавцов прислал дополнительные фотографии вилки?"),
 ("Клиент жалуется, что на раме появились царапины после транспортировки.", "Кто пожаловался на царапины на раме после перевозки?"),
 ("Эксперт обнаружил люфт в рулевой колонке и рекомендует заменить подшипники.", "Где эксперт нашёл люфт рулевой колонки?"),
 ("Клиент хочет оплатить заказ наличными в офисе в Москве.", "Кто хочет заплатить наличными в московском офисе?"),
 ("Продавец снизил цену на сто евро после проверки состояния покрышек.", "Где продавец снизил цену из-за покрышек?"),
 ("Клиент попросил упаковать велосипед в жёсткий кейс вместо картонной коробки.", "Кто просил жёсткий кейс вместо коробки для упаковки?"),
 ("Перевозчик потерял коробку с колёсами, склад открыл претензию.", "По какому заказу перевозчик потерял колёса и открыта претензия?"),
 ("Клиентка спрашивает, можно ли установить детское кресло на багажник.", "Кто спрашивал про детское кресло на багажнике?"),
 ("Менеджер пообещал прислать видео тест-драйва до пятницы.", "Когда менеджер обещал видео тест-драйва?"),
 ("Клиент требует компенсацию за задержку доставки на две недели.", "Кто требует компенсации за задержку доставки?"),
 ("Эксперт подтвердил оригинальность карбоновых колёс и серийный номер рамы.", "Где эксперт подтвердил оригинальные карбоновые колёса?"),
 ("Клиент отказался от покупки после отчёта о проверке: трещина на подседельной трубе.", "Кто отказался от покупки из-за трещины подседельной трубы?"),
 ("Продавец не отвечает на звонки уже третий день, выкуп задерживается.", "Какой продавец третий день не отвечает на звонки?"),
 ("Клиенту нужна доставка до двери в Новосибирске, а не до пункта выдачи.", "Кому нужна доставка до двери в Новосибирск?"),
 ("Склад переупаковал электровелосипед, аккумулятор отправлен отдельной посылкой.", "Почему аккумулятор электровелосипеда отправили отдельной посылкой?"),
 ("Клиент просит счёт на юридическое лицо с НДС для бухгалтерии.", "Кто просил счёт на юрлицо с НДС?"),
 ("Клиентка выбрала экспертную проверку, потому что велосипед дороже трёх тысяч евро.", "Почему клиентка выбрала экспертную проверку дорогого велосипеда?"),
 ("Таможня запросила дополнительные документы на ввоз велосипеда.", "Какие документы запросила таможня для ввоза?"),
 ("Клиент оплатил резерв, но перевод пришёл с опозданием на два дня.", "У кого перевод резерва пришёл с опозданием?"),
 ("Продавец согласился подождать с продажей до решения клиента в понедельник.", "Какой продавец ждёт решения клиента до понедельника?"),
 ("Клиент просит заменить седло и педали перед отправкой в Россию.", "Кто хочет заменить седло и педали перед отправкой?"),
 ("Велосипед доставлен, клиент поставил оценку пять и оставил отзыв.", "Где клиент поставил пятёрку и оставил отзыв?"),
 ("Эксперт рекомендует заменить цепь и кассету из-за сильного износа.", "Где рекомендовали заменить изношенную цепь и кассету?"),
 ("Клиентка просит связываться с ней только через WhatsApp после шести вечера.", "Кто просит писать только в WhatsApp вечером?"),
]
NAMES_RU = ["Иван", "Ольга", "Сергей", "Мария", "Алексей", "Наталья", "Дмитрий", "Елена", "Павел", "Анна"]
NAMES_EN = ["Mark", "Julia", "Peter", "Anna", "Tom", "Laura", "Max", "Sophie", "Felix", "Clara"]
BIKES = ["Canyon Ultimate", "Trek Domane", "Specialized Tarmac", "Cube Attain", "Giant TCR", "Scott Addict",
         "Orbea Orca", "Cannondale SuperSix", "Bianchi Oltre", "Focus Izalco"]
CITIES = ["Москва", "Казань", "Екатеринбург", "Самара", "Краснодар", "Пермь"]
DISTRACT_RU = [
 "Клиент {n} подтвердил бронирование заказа web-{k} ({b}) по телефону.",
 "Счёт на резерв по заказу web-{k} отправлен клиенту {n} на почту.",
 "Клиент {n} оплатил полную стоимость {b}, платёж получен.",
 "Менеджер начал проверку {b} у продавца по заказу web-{k}.",
 "Отчёт о проверке {b} отправлен клиенту {n}, ждём решения.",
 "Велосипед {b} выкуплен у продавца, ожидаем отправку на склад.",
 "Склад принял {b} по заказу web-{k}, упаковка целая.",
 "Заказ web-{k} отправлен в {c}, трек-номер передан клиенту {n}.",
 "Клиент {n} уточнил адрес доставки в {c}.",
 "Клиент {n} спросил о статусе заказа web-{k}, менеджер ответил.",
]
DISTRACT_EN = [
 "Order web-{k}: {n} confirmed the booking of the {b} by phone.",
 "The reserve invoice for order web-{k} was e-mailed to {n}.",
 "{n} paid the full price of the {b}; the payment has arrived.",
 "The manager started checking the {b} with the seller for order web-{k}.",
 "The check report on the {b} was sent to {n}; waiting for the decision.",
 "The {b} was bought out from the seller and will be shipped to the warehouse.",
 "The warehouse received the {b} for order web-{k}; the packaging is intact.",
 "Order web-{k} left for Russia; {n} got the tracking number.",
]
rnd = random.Random(15)
passages, questions = [], []
for i, (text, q) in enumerate(EN):
    passages.append({"id": f"en-{i + 1}", "text": text}); questions.append({"q": q, "answer": f"en-{i + 1}", "lang": "en"})
for i, (text, q) in enumerate(RU):
    passages.append({"id": f"ru-{i + 1}", "text": text}); questions.append({"q": q, "answer": f"ru-{i + 1}", "lang": "ru"})
k = 1000
for i in range(100):
    k += 1
    passages.append({"id": f"d-ru-{i + 1}", "text": DISTRACT_RU[i % len(DISTRACT_RU)].format(n=rnd.choice(NAMES_RU), k=k, b=rnd.choice(BIKES), c=rnd.choice(CITIES))})
for i in range(64):
    k += 1
    passages.append({"id": f"d-en-{i + 1}", "text": DISTRACT_EN[i % len(DISTRACT_EN)].format(n=rnd.choice(NAMES_EN), k=k, b=rnd.choice(BIKES))})
# Look-ups by an identifier (an order number): what a manager types most, and what embeddings cannot tell apart.
for i, d in enumerate([p for p in passages if p["id"].startswith("d-")][::11]):
    number = d["text"].split("web-")[1][:4] if "web-" in d["text"] else None
    if number is None:
        continue
    ru = d["id"].startswith("d-ru")
    questions.append({"q": (f"что по заказу web-{number}?" if ru else f"what happened with order web-{number}?"),
                      "answer": d["id"], "lang": "ru" if ru else "en"})
json.dump({"passages": passages, "questions": questions}, open("src/test/resources/ai/retrieval-corpus.json", "w"), ensure_ascii=False, indent=1)
print(len(passages), "passages", len(questions), "questions")
