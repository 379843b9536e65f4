#!/usr/bin/env python3
"""The issues' figures on the Handbook's data, from a replay's outcomes.csv (scores as they were at decision time):
average precision, ROC-AUC and Card Precision@100 over the week the Handbook tests on (2018-08-08 to 08-14, after
its training week of 2018-07-25 and a week of label delay) and over everything after the first month (from
2018-05-01); with the simulated file too, the average precision of each fraud scenario against every legitimate
transaction. Average precision is computed as the replay's PR-AUC is (the two agree to the digit).

    python3 tools/handbook/evaluate.py replay-report [hb.csv.gz]
"""
import sys

import numpy as np
import pandas as pd

PERIODS = [('test week', '2018-08-08', '2018-08-15'), ('after the first month', '2018-05-01', '9999')]


def average_precision(label, score):
    order = np.argsort(-score, kind='mergesort')
    label, score = label[order], score[order]
    last_of_each_score = np.r_[np.where(np.diff(score))[0], len(score) - 1]
    tp = np.cumsum(label)[last_of_each_score]
    fp = np.cumsum(1 - label)[last_of_each_score]
    precision, recall = tp / (tp + fp), tp / tp[-1]
    return float(np.sum(np.diff(np.r_[0, recall]) * precision))


def roc_auc(label, score):
    ranks = pd.Series(score).rank(method='average').values
    frauds = label.sum()
    return float((ranks[label == 1].sum() - frauds * (frauds + 1) / 2) / (frauds * (len(label) - frauds)))


def card_precision(outcomes, k=100):
    daily = []
    for _, day in outcomes.groupby(outcomes.time.str[:10]):
        cards = day.groupby('cardId').agg(score=('score', 'max'), label=('label', 'max'))
        daily.append(cards.sort_values('score', ascending=False).head(k).label.mean())
    return float(np.mean(daily))


if __name__ == '__main__':
    if len(sys.argv) not in (2, 3):
        sys.exit('usage: evaluate.py REPORT_DIR [SIMULATED.csv.gz]')
    outcomes = pd.read_csv(sys.argv[1] + '/outcomes.csv')
    scenarios = None
    if len(sys.argv) == 3:
        scenarios = pd.read_csv(sys.argv[2], usecols=['TRANSACTION_ID', 'TX_FRAUD_SCENARIO'])
        outcomes = outcomes.merge(scenarios.rename(columns={'TRANSACTION_ID': 'id'}), on='id')
    for name, start, end in PERIODS:
        part = outcomes[(outcomes.time >= start) & (outcomes.time < end)]
        label, score = part.label.values.astype(int), part.score.values
        line = (f'{name}: AP {average_precision(label, score):.4f}  ROC-AUC {roc_auc(label, score):.4f}  '
                f'Card Precision@100 {card_precision(part):.3f}  ({label.sum()} frauds)')
        if scenarios is not None:
            for scenario in (1, 2, 3):
                own = part[part.TX_FRAUD_SCENARIO.isin([0, scenario])]
                line += (f'  scenario {scenario}: AP '
                         f'{average_precision(own.label.values.astype(int), own.score.values):.3f}')
        print(line)
