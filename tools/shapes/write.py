#!/usr/bin/env python3
"""Writes a random file in the layout of a public fraud data set, to measure `replay` on its shape.

    python3 tools/shapes/write.py ieee 150000 ieee.csv.gz
    python3 tools/shapes/write.py paysim 6362620 paysim.csv.gz
    python3 tools/shapes/write.py creditcard 284807 creditcard.csv.gz
    python3 tools/shapes/write.py sparkov 1296675 fraudTrain.csv.gz
    python3 tools/shapes/write.py ecommerce 151112 Fraud_Data.csv.gz
    python3 tools/shapes/write.py baf 1000000 Base.csv.gz
    python3 tools/shapes/write.py tabformer 24386900 card_transaction.v1.csv.gz

The public files are not redistributed here, and their values are not reproduced: only their columns, their
sizes, how their times are written, how many values are missing and how many cards and merchants repeat. The
fraud signal is weak and made up; detection figures on these files mean nothing, time and memory do.
- ieee: IEEE-CIS train_transaction.csv: TransactionID, isFraud (3.5%), TransactionDT (seconds from a reference),
  TransactionAmt, 380 numeric columns about half empty, 14 text columns.
- paysim: PaySim: hourly `step` over 743 steps, a new nameOrig almost every row, about 2.7 M nameDest at full size.
- creditcard: the Kaggle (ULB) credit-card data: quoted header, Time in seconds over about two days, V1..V28,
  Amount, Class quoted (0.17% fraud).
- sparkov: the Sparkov simulated card data (Kaggle "Credit Card Transactions Fraud Detection", fraudTrain.csv):
  pandas' unnamed index first, a formatted date and `unix_time` beside it, 983 cards (`cc_num`), 693 merchants
  some of whose quoted names hold commas, text columns about the card holder (a date of birth per card), 0.6%
  fraud.
- ecommerce: the e-commerce fraud data (Kaggle "Fraud ecommerce", Fraud_Data.csv): one purchase per user in no
  time order, `signup_time` and `purchase_time` as datetimes, 9.4% fraud, half of the frauds bought a second after
  signing up (the public set's best-known property; its other signals are not reproduced).
- baf: the Bank Account Fraud suite's Base.csv (NeurIPS 2022): account applications, no id, no card, no amount,
  `month` 0-7 the only time, 31 other columns (-1 for missing in several), 1.1% fraud.
- tabformer: IBM's TabFormer card transactions (card_transaction.v1.csv): rows by user and card, then time, over
  thirty years; the time in Year, Month, Day and Time columns; amounts as `$134.09` (refunds negative, about 1%);
  merchants as large signed integers; `Is Fraud?` Yes/No (0.12%).
Seeded: the same arguments write the same rows.
"""
import gzip
import hashlib
import random
import sys
import time


def ieee(n, f):
    cols = (["TransactionID", "isFraud", "TransactionDT", "TransactionAmt", "ProductCD"]
            + [f"card{i}" for i in range(1, 7)] + ["addr1", "addr2", "dist1", "dist2", "P_emaildomain",
                                                    "R_emaildomain"]
            + [f"C{i}" for i in range(1, 15)] + [f"D{i}" for i in range(1, 16)] + [f"M{i}" for i in range(1, 10)]
            + [f"V{i}" for i in range(1, 340)])
    f.write(",".join(cols) + "\n")
    dt = 86400
    for i in range(n):
        dt += random.randint(0, 60)
        fraud = 1 if random.random() < 0.035 else 0
        card1 = random.randint(1000, 18396)
        amount = round(random.lognormvariate(4, 1.2) * (1.5 if fraud else 1), 3)
        row = [str(2987000 + i), str(fraud), str(dt), str(amount), random.choice("WHCSR"), str(card1),
               "" if random.random() < 0.02 else str(float(random.randint(100, 600))),
               str(float(random.choice([150, 185]))),
               random.choice(["visa", "mastercard", "discover", "american express", ""]),
               str(float(random.randint(100, 237))), random.choice(["debit", "credit", ""]),
               "" if random.random() < 0.1 else str(float(random.randint(100, 540))),
               "" if random.random() < 0.1 else "87.0",
               "" if random.random() < 0.6 else str(float(random.randint(0, 10000))),
               "" if random.random() < 0.9 else str(float(random.randint(0, 10000))),
               random.choice(["gmail.com", "yahoo.com", "anonymous.com", "hotmail.com", ""]),
               random.choice(["gmail.com", "", "", " ", ""])]
        row += [str(float(random.randint(0, 5) + (3 if fraud and random.random() < 0.5 else 0)))
                for _ in range(14)]
        row += ["" if random.random() < 0.5 else str(float(random.randint(0, 640))) for _ in range(15)]
        row += [random.choice(["T", "F", "", "M0", "M2"]) for _ in range(9)]
        row += ["" if random.random() < 0.5 else str(float(random.randint(0, 3))) for _ in range(339)]
        f.write(",".join(row) + "\n")


def paysim(n, f):
    types = ["PAYMENT", "TRANSFER", "CASH_OUT", "DEBIT", "CASH_IN"]
    dests = [f"M{random.randint(10**8, 10**10)}" if i % 2 else f"C{random.randint(10**8, 10**10)}"
             for i in range(2700000 * n // 6362620 + 1)]
    f.write("step,type,amount,nameOrig,oldbalanceOrg,newbalanceOrig,nameDest,oldbalanceDest,newbalanceDest,"
            "isFraud,isFlaggedFraud\n")
    for i in range(n):
        step = 1 + i * 743 // n
        t = random.choice(types)
        fraud = 1 if (t in ("TRANSFER", "CASH_OUT") and random.random() < 0.003) else 0
        amt = round(random.lognormvariate(11, 1.5), 2)
        ob = round(random.lognormvariate(10, 2), 2)
        od = round(random.lognormvariate(11, 2), 2)
        f.write(f"{step},{t},{amt},C{random.randint(10**8, 2 * 10**9)},{ob},{max(0.0, round(ob - amt, 2))},"
                f"{random.choice(dests)},{od},{round(od + amt, 2)},{fraud},0\n")


def sparkov(n, f):
    cats = ["misc_net", "grocery_pos", "entertainment", "gas_transport", "misc_pos", "grocery_net", "shopping_net",
            "shopping_pos", "food_dining", "personal_care", "health_fitness", "travel", "kids_pets", "home"]
    merchants = [f'"fraud_{random.choice(["Rippin", "Heller", "Lind", "Kirlin", "Haley"])}, '
                 f'{random.choice(["Kub", "Gutmann", "Buckridge"])} and {random.choice(["Mann", "Zieme", "Sons"])}"'
                 if i % 2 else f"fraud_{random.choice(['Sporer-Keebler', 'Swaniawski', 'Lockman Ltd'])}{i}"
                 for i in range(693)]
    cards = [(str(random.randint(10**15, 10**16 - 1)),
              time.strftime("%Y-%m-%d", time.gmtime(random.randint(-1577923200, 946684800)))) for _ in range(983)]
    jobs = ['"Psychologist, counselling"', "Special educational needs teacher", "Nature conservation officer",
            '"Engineer, biomedical"']
    f.write(",trans_date_trans_time,cc_num,merchant,category,amt,first,last,gender,street,city,state,zip,lat,long,"
            "city_pop,job,dob,trans_num,unix_time,merch_lat,merch_long,is_fraud\n")
    t = 1325376018
    for i in range(n):
        t += random.randint(0, 60)
        fraud = 1 if random.random() < 0.006 else 0
        amt = round(random.lognormvariate(3.5, 1.2) * (4 if fraud else 1), 2)
        card, dob = random.choice(cards)
        f.write(f"{i},{time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime(t))},{card},"
                f"{random.choice(merchants)},{random.choice(cats)},{amt},Jennifer,Banks,{random.choice('FM')},"
                f"561 Perry Cove,Moravian Falls,NC,28654,36.0788,-81.1781,3495,{random.choice(jobs)},{dob},"
                f"{hashlib.md5(str(i).encode()).hexdigest()},{t},36.011293,-82.048315,{fraud}\n")


def ecommerce(n, f):
    f.write("user_id,signup_time,purchase_time,purchase_value,device_id,source,browser,sex,age,ip_address,class\n")
    devices = ["".join(random.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(13)) for _ in range(n * 9 // 10)]
    users = random.sample(range(2, 400001), n)
    for i in range(n):
        fraud = random.random() < 0.0936
        signup = 1420070400 + random.randint(0, 230 * 86400)
        purchase = signup + (1 if fraud and random.random() < 0.5 else random.randint(3600, 120 * 86400))
        f.write(f"{users[i]},{time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime(signup))},"
                f"{time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime(purchase))},{random.randint(9, 154)},"
                f"{random.choice(devices)},{random.choice(['SEO', 'Ads', 'Direct'])},"
                f"{random.choice(['Chrome', 'IE', 'Safari', 'FireFox', 'Opera'])},{random.choice('MF')},"
                f"{random.randint(18, 76)},{random.uniform(5e4, 4.3e9):.1f},{int(fraud)}\n")


def baf(n, f):
    f.write("fraud_bool,income,name_email_similarity,prev_address_months_count,current_address_months_count,"
            "customer_age,days_since_request,intended_balcon_amount,payment_type,zip_count_4w,velocity_6h,"
            "velocity_24h,velocity_4w,bank_branch_count_8w,date_of_birth_distinct_emails_4w,employment_status,"
            "credit_risk_score,email_is_free,housing_status,phone_home_valid,phone_mobile_valid,bank_months_count,"
            "has_other_cards,proposed_credit_limit,foreign_request,source,session_length_in_minutes,device_os,"
            "keep_alive_session,device_distinct_emails_8w,device_fraud_count,month\n")
    for i in range(n):
        fraud = 1 if random.random() < 0.011 else 0
        r = random.random
        f.write(f"{fraud},{random.choice([0.1, 0.3, 0.6, 0.9])},{r() * (0.6 if fraud else 1)},"
                f"{random.choice([-1, -1, random.randint(5, 300)])},{random.randint(-1, 400)},"
                f"{random.choice([20, 30, 40, 50, 60]) + (10 if fraud else 0)},{r() * 5},"
                f"{random.choice([-1.0, r() * 100 - 10])},{random.choice(['AA', 'AB', 'AC', 'AD'])},"
                f"{random.randint(1, 6000)},{r() * 16000},{r() * 9000},{r() * 7000},{random.randint(0, 2300)},"
                f"{random.randint(0, 39)},{random.choice(['CA', 'CB', 'CC', 'CD', 'CE', 'CF', 'CG'])},"
                f"{random.randint(-170, 390) + (60 if fraud else 0)},{random.randint(0, 1)},"
                f"{random.choice(['BA', 'BB', 'BC', 'BD', 'BE', 'BF', 'BG'])},{random.randint(0, 1)},"
                f"{random.randint(0, 1)},{random.randint(-1, 32)},{random.randint(0, 1)},"
                f"{random.choice([200, 500, 1000, 1500, 2000])},{random.randint(0, 1)},"
                f"{random.choice(['INTERNET', 'TELEAPP'])},{r() * 85},"
                f"{random.choice(['windows', 'linux', 'macintosh', 'x11', 'other'])},{random.randint(0, 1)},"
                f"{random.randint(0, 2) + (1 if fraud and r() < 0.3 else 0)},0,{i * 8 // n}\n")


def tabformer(n, f):
    f.write("User,Card,Year,Month,Day,Time,Amount,Use Chip,Merchant Name,Merchant City,Merchant State,Zip,MCC,"
            "Errors?,Is Fraud?\n")
    merchants = [(random.randint(-2**63, 2**63 - 1), random.choice(["La Verne", "Monterey Park", "Mira Loma"]),
                  random.choice(["CA", "NY", "TX"]), random.randint(10000, 99999), random.choice([5300, 5411, 5541,
                                                                                                   5812, 4829]))
                 for _ in range(100000)]
    cards = max(1, n // 5000)  # about 5 000 transactions a card, as in the public file
    for c in range(cards):
        user, card = c // 3, c % 3
        t = 631152000 + random.randint(0, 20 * 365 * 86400)  # from 1990 on
        for _ in range(n // cards + (1 if c < n % cards else 0)):
            t += random.randint(600, 2 * 86400)
            g = time.gmtime(t)
            fraud = random.random() < 0.0012
            amount = round(random.lognormvariate(3.5, 1.1) * (3 if fraud else 1), 2)
            if random.random() < 0.01:
                amount = -amount
            m = random.choice(merchants)
            f.write(f"{user},{card},{g.tm_year},{g.tm_mon},{g.tm_mday},{g.tm_hour:02d}:{g.tm_min:02d},"
                    f"${amount:.2f},{random.choice(['Swipe Transaction', 'Chip Transaction', 'Online Transaction'])},"
                    f"{m[0]},{m[1]},{m[2]},{m[3]}.0,{m[4]},{'' if random.random() < 0.98 else 'Bad PIN'},"
                    f"{'Yes' if fraud else 'No'}\n")


def creditcard(n, f):
    f.write('"Time",' + ",".join(f'"V{i}"' for i in range(1, 29)) + ',"Amount","Class"\n')
    t = 0.0
    for _ in range(n):
        t += random.choice([0, 0, 1, 1, 2])
        fraud = 1 if random.random() < 0.00172 else 0
        vs = [repr(random.gauss(-2 if (fraud and k in (3, 9, 13)) else 0, 1)) for k in range(28)]
        f.write(f"{t}," + ",".join(vs) + f',{round(random.lognormvariate(3, 1.3), 2)},"{fraud}"\n')


if __name__ == "__main__":
    layouts = {"ieee": (ieee, 1), "paysim": (paysim, 2), "creditcard": (creditcard, 3), "sparkov": (sparkov, 3),
               "ecommerce": (ecommerce, 4), "baf": (baf, 5),
               "tabformer": (tabformer, 6)}
    if len(sys.argv) != 4 or sys.argv[1] not in layouts:
        sys.exit(__doc__)
    write, seed = layouts[sys.argv[1]]
    random.seed(seed)
    with gzip.open(sys.argv[3], "wt", compresslevel=1) as out:
        write(int(sys.argv[2]), out)
