// expect: safe
const express = require("express");
const { Pool } = require("pg");

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const router = express.Router();

const DEFAULT_LANDING = {
  spring_sale: "/collections/spring",
  newsletter: "/",
  podcast: "/pages/podcast-offer",
};
const STORE_ORIGIN = process.env.STORE_ORIGIN || "https://shop.example.com";

async function recordClick({ campaign, ref, userAgent }) {
  await pool.query(
    "insert into affiliate_clicks (campaign, partner_ref, user_agent, clicked_at) values ($1, $2, $3, now())",
    [campaign, ref || null, (userAgent || "").slice(0, 255)]
  );
}

function landingFor(campaign, requested) {
  const fallback = DEFAULT_LANDING[campaign] || "/";
  if (typeof requested !== "string" || !requested) return fallback;
  try {
    const target = new URL(requested, STORE_ORIGIN);
    if (target.origin !== new URL(STORE_ORIGIN).origin) return fallback;
    return target.href;
  } catch {
    return fallback;
  }
}

router.get("/go/:campaign", async (req, res) => {
  const { campaign } = req.params;
  const { to, ref } = req.query;
  try {
    await recordClick({ campaign, ref, userAgent: req.get("user-agent") });
  } catch (err) {
    req.log?.warn({ err }, "click tracking failed");
  }
  res.redirect(302, landingFor(campaign, to));
});

module.exports = router;
