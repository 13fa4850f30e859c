// The harness page's entry: Salesforce renders LWC with synthetic shadow DOM, which is what lets the
// global SLDS stylesheet style inside components, so the harness does the same.
import '@lwc/synthetic-shadow';
import VigilHealthCard from 'c/vigilHealthCard';
import { createElement } from 'lwc';
import { fixture } from './fixtures.js';

const state = new URLSearchParams(window.location.search).get('state') || 'healthy';
window.VIGIL_FIXTURE = fixture(state, Date.now(), window.VIGIL_LANG);
const card = createElement('c-vigil-health-card', { is: VigilHealthCard });
card.recordId = '001Hs00003AbCdEIAV';
card.vigilUrl = 'https://vigil.example.com';
document.getElementById('sidebar').appendChild(card);
