# expect: safe
import random

def shuffle_deck(cards):
    random.shuffle(cards)
    return cards

def jitter(base):
    return base + random.uniform(0, 0.5)
