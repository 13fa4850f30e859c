// The card for a user whose language is English (en-US, an org in US dollars).
const { mockLocale, cardSuite } = require('./cardSuite');

const user = { locale: 'en-US', lang: 'en', currency: 'USD' };
mockLocale(user);

cardSuite({
  ...user,
  spot: {
    title: 'Customer health',
    scoreLabel: 'Health score 82 out of 100',
    healthy: 'Healthy',
    changeUp: '+6.5 in 30 days',
    ownerName: 'Aiko Tanaka',
    ownerLabel: 'Owner',
    highTouch: 'High touch',
    critical: 'Critical churn risk',
    open: 'Open in Vigil',
    notScored: 'Not scored yet. Vigil scores this account after its next sync, usually within 15 minutes.',
    summary:
      'Nobody has logged in for 41 days. 3 urgent tickets are open. Health fell 14 points in 30 days. The NPS answer was a detractor.',
    summarySentences: [
      'Nobody has logged in for 41 days.',
      '3 urgent tickets are open.',
      'Health fell 14 points in 30 days.',
    ],
    hidden:
      'Hidden from you: Expected LTV, Churn reasons, and Churn summary. Ask your Salesforce admin for the Vigil viewer permission set.',
    loadFailed: "Vigil's health could not be loaded: You do not have access to this record.",
  },
});
