import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One file's worth of code for unit `n`; each template mixes ordinary code with a few risky calls. */
const TEMPLATES: Record<string, (n: number) => string> = {
  py: (n) => `"""Module ${n}: order processing."""
import json
import os
import subprocess


def load_orders_${n}(path, limit=100):
    """Read orders from a JSON file."""
    with open(path) as handle:
        orders = json.load(handle)
    result = []
    for order in orders[:limit]:
        if order.get("status") == "paid" and order.get("total", 0) > 10:
            result.append(order)
        elif order.get("status") == "refunded":
            continue
    return result


def total_${n}(orders):
    """Sum the totals."""
    amount = 0
    for order in orders:
        amount += order["total"]
    return amount


def report_${n}(cursor, customer):
    cursor.execute("SELECT * FROM orders WHERE customer = '%s'" % customer)
    return cursor.fetchall()


def archive_${n}(name):
    os.system("tar czf /backup/" + name + ".tgz /data")
    return subprocess.run(["ls", "-l", "/backup"], check=True)


class Cart${n}:
    """A shopping cart."""

    def __init__(self):
        self.items = []

    def add(self, item, quantity=1):
        """Add an item."""
        if quantity <= 0:
            raise ValueError("quantity must be positive")
        self.items.append((item, quantity))
`,
  js: (n) => `'use strict';
const fs = require('fs');
const { exec } = require('child_process');

function parseConfig${n}(text) {
  try {
    return JSON.parse(text);
  } catch (error) {
    return { error: error.message };
  }
}

async function loadUsers${n}(db, ids) {
  const users = [];
  for (const id of ids) {
    if (id > 0 && id < 1000000) {
      users.push(await db.query('SELECT * FROM users WHERE id = $1', [id]));
    }
  }
  return users;
}

function render${n}(el, user) {
  el.innerHTML = '<b>' + user.name + '</b>';
  el.title = user.name;
}

function backup${n}(req) {
  exec('tar czf ' + req.query.name + '.tgz /data');
  return fs.readFileSync('/etc/hostname', 'utf8');
}

module.exports = { parseConfig${n}, loadUsers${n}, render${n}, backup${n} };
`,
  ts: (n) => `import { createHash } from 'node:crypto';

export interface Invoice${n} {
  id: string;
  lines: { amount: number; vat: number }[];
}

/** Total of an invoice including VAT. */
export function invoiceTotal${n}(invoice: Invoice${n}): number {
  let total = 0;
  for (const line of invoice.lines) {
    total += line.amount * (1 + line.vat);
  }
  return Math.round(total * 100) / 100;
}

/** Stable identifier of an invoice. */
export function invoiceHash${n}(invoice: Invoice${n}): string {
  return createHash('md5').update(invoice.id).digest('hex');
}

export function classify${n}(amount: number): 'small' | 'medium' | 'large' {
  if (amount < 100) return 'small';
  if (amount < 10_000) return 'medium';
  return 'large';
}
`,
  java: (n) => `package com.example.orders;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

public class OrderRepository${n} {
    private final Connection connection;

    public OrderRepository${n}(Connection connection) {
        this.connection = connection;
    }

    public ResultSet findByCustomer(String customer) throws Exception {
        return connection.createStatement().executeQuery("SELECT * FROM orders WHERE customer = '" + customer + "'");
    }

    public List<String> names(List<String> raw) {
        List<String> out = new ArrayList<>();
        for (String name : raw) {
            if (name != null && !name.isEmpty()) {
                out.add(name.trim());
            }
        }
        return out;
    }
}
`,
  go: (n) => `package orders

import (
	"database/sql"
	"fmt"
	"strings"
)

// Repository${n} reads orders.
type Repository${n} struct {
	db *sql.DB
}

// FindByCustomer returns the orders of a customer.
func (r *Repository${n}) FindByCustomer(customer string) (*sql.Rows, error) {
	return r.db.Query(fmt.Sprintf("SELECT * FROM orders WHERE customer = '%s'", customer))
}

// Normalise trims and lower-cases names.
func Normalise${n}(names []string) []string {
	out := make([]string, 0, len(names))
	for _, name := range names {
		if name == "" {
			continue
		}
		out = append(out, strings.ToLower(strings.TrimSpace(name)))
	}
	return out
}
`,
  c: (n) => `#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int checksum_${n}(const char *data, size_t len) {
    int sum = 0;
    for (size_t i = 0; i < len; i++) {
        sum = (sum * 31 + data[i]) % 65521;
    }
    return sum;
}

int run_backup_${n}(const char *name) {
    char cmd[256];
    snprintf(cmd, sizeof cmd, "tar czf %s.tgz /data", name);
    return system(cmd);
}

int main_${n}(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE\\n", argv[0]);
        return 1;
    }
    return checksum_${n}(argv[1], strlen(argv[1])) + run_backup_${n}(argv[1]);
}
`,
};

/** Writes a mixed-language tree of at least `minLines` lines under `root`; returns the line count. */
export function generateCorpus(root: string, minLines: number): { files: number; lines: number } {
  let lines = 0;
  let files = 0;
  const extensions = Object.keys(TEMPLATES);
  for (let n = 0; lines < minLines; n += 1) {
    const ext = extensions[n % extensions.length] ?? 'py';
    const code = TEMPLATES[ext]?.(n) ?? '';
    const dir = join(root, `pkg${Math.floor(n / 50)}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `unit${n}.${ext}`), code);
    lines += code.split('\n').length - 1;
    files += 1;
  }
  return { files, lines };
}
