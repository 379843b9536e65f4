#!/usr/bin/env python3
"""The Fraud-Detection Handbook's simulated transactions, regenerated (Le Borgne, Siblini, Lebichot and Bontempi,
"Reproducible Machine Learning for Credit Card Fraud Detection - Practical Handbook", 2022, chapter 3, section 2):
its generator re-implemented step for step with its parameters (5 000 customers, 10 000 terminals, 183 days from
2018-04-01, radius 5) and its seeds, so the file is the public data set the issues measure against: 1 754 155
transactions, 14 681 frauds (973 large amounts, 9 077 at compromised terminals, 4 631 of compromised customers).

    python3 tools/handbook/simulate.py hb.csv.gz     # about 3 minutes; needs numpy and pandas (Debian:
                                                     # apt-get install python3-pandas)

The columns are the Handbook's (TRANSACTION_ID, TX_DATETIME, CUSTOMER_ID, TERMINAL_ID, TX_AMOUNT, TX_TIME_SECONDS,
TX_TIME_DAYS, TX_FRAUD, TX_FRAUD_SCENARIO); replay them with docs/replay.md's Handbook flags and evaluate.py.
A measurement aid only: nothing in the build or the tests runs it.
"""
import random
import sys

import numpy as np
import pandas as pd


def customer_profiles(n, seed=0):
    np.random.seed(seed)
    rows = []
    for customer in range(n):
        x, y = np.random.uniform(0, 100), np.random.uniform(0, 100)
        mean_amount = np.random.uniform(5, 100)
        rows.append([customer, x, y, mean_amount, mean_amount / 2, np.random.uniform(0, 4)])
    return pd.DataFrame(rows, columns=['CUSTOMER_ID', 'x_customer_id', 'y_customer_id', 'mean_amount',
                                       'std_amount', 'mean_nb_tx_per_day'])


def terminal_profiles(n, seed=1):
    np.random.seed(seed)
    rows = [[terminal, np.random.uniform(0, 100), np.random.uniform(0, 100)] for terminal in range(n)]
    return pd.DataFrame(rows, columns=['TERMINAL_ID', 'x_terminal_id', 'y_terminal_id'])


def terminals_within(customer, terminal_xy, radius):
    home = customer[['x_customer_id', 'y_customer_id']].values.astype(float)
    distance = np.sqrt(np.sum(np.square(home - terminal_xy), axis=1))
    return list(np.where(distance < radius)[0])


def customer_transactions(customer, start, days):
    rows = []
    random.seed(int(customer.CUSTOMER_ID))
    np.random.seed(int(customer.CUSTOMER_ID))
    for day in range(days):
        for _ in range(np.random.poisson(customer.mean_nb_tx_per_day)):
            second = int(np.random.normal(86400 / 2, 20000))
            if 0 < second < 86400:
                amount = np.random.normal(customer.mean_amount, customer.std_amount)
                if amount < 0:
                    amount = np.random.uniform(0, customer.mean_amount * 2)
                amount = np.round(amount, decimals=2)
                if len(customer.available_terminals) > 0:
                    terminal = random.choice(customer.available_terminals)
                    rows.append([second + day * 86400, day, customer.CUSTOMER_ID, terminal, amount])
    tx = pd.DataFrame(rows, columns=['TX_TIME_SECONDS', 'TX_TIME_DAYS', 'CUSTOMER_ID', 'TERMINAL_ID', 'TX_AMOUNT'])
    if len(tx) > 0:
        tx['TX_DATETIME'] = pd.to_datetime(tx['TX_TIME_SECONDS'], unit='s', origin=start)
        tx = tx[['TX_DATETIME', 'CUSTOMER_ID', 'TERMINAL_ID', 'TX_AMOUNT', 'TX_TIME_SECONDS', 'TX_TIME_DAYS']]
    return tx


def transactions(customers, terminals, days, start, radius):
    xy = terminals[['x_terminal_id', 'y_terminal_id']].values.astype(float)
    customers['available_terminals'] = customers.apply(lambda c: terminals_within(c, xy, radius), axis=1)
    tx = customers.groupby('CUSTOMER_ID').apply(
        lambda c: customer_transactions(c.iloc[0], start, days)).reset_index(drop=True)
    tx = tx.sort_values('TX_DATETIME')
    tx.reset_index(inplace=True, drop=True)
    tx.reset_index(inplace=True)
    return tx.rename(columns={'index': 'TRANSACTION_ID'})


def add_frauds(customers, terminals, tx):
    tx['TX_FRAUD'] = 0
    tx['TX_FRAUD_SCENARIO'] = 0
    large = tx.TX_AMOUNT > 220  # scenario 1: every amount above 220
    tx.loc[large, 'TX_FRAUD'] = 1
    tx.loc[large, 'TX_FRAUD_SCENARIO'] = 1
    for day in range(tx.TX_TIME_DAYS.max()):  # scenario 2: two terminals a day, all their transactions for 28 days
        compromised = terminals.TERMINAL_ID.sample(n=2, random_state=day)
        hit = tx[(tx.TX_TIME_DAYS >= day) & (tx.TX_TIME_DAYS < day + 28) & (tx.TERMINAL_ID.isin(compromised))]
        tx.loc[hit.index, 'TX_FRAUD'] = 1
        tx.loc[hit.index, 'TX_FRAUD_SCENARIO'] = 2
    for day in range(tx.TX_TIME_DAYS.max()):  # scenario 3: three customers a day, a third of 14 days' amounts x5
        compromised = customers.CUSTOMER_ID.sample(n=3, random_state=day).values
        hit = tx[(tx.TX_TIME_DAYS >= day) & (tx.TX_TIME_DAYS < day + 14) & (tx.CUSTOMER_ID.isin(compromised))]
        random.seed(day)
        chosen = random.sample(list(hit.index.values), k=int(len(hit) / 3))
        tx.loc[chosen, 'TX_AMOUNT'] = tx.loc[chosen, 'TX_AMOUNT'] * 5
        tx.loc[chosen, 'TX_FRAUD'] = 1
        tx.loc[chosen, 'TX_FRAUD_SCENARIO'] = 3
    return tx


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit('usage: simulate.py OUTPUT.csv[.gz]')
    customers, terminals = customer_profiles(5000), terminal_profiles(10000)
    tx = add_frauds(customers, terminals, transactions(customers, terminals, 183, '2018-04-01', 5))
    print(f'{len(tx)} transactions, {tx.TX_FRAUD.sum()} frauds, by scenario '
          f'{tx.groupby("TX_FRAUD_SCENARIO").size().to_dict()}', file=sys.stderr)
    tx.to_csv(sys.argv[1], index=False)
