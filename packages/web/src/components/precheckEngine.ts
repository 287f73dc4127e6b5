/**
 * The pre-check engine of @openbeian/core, the same code the server runs. It
 * brings the word lists, the province rules, the public-suffix list and the
 * phone-number metadata, so it is only ever imported dynamically
 * (useLivePrecheck.ts) and lands in a chunk of its own. The order-type decision
 * (which kind of filing the records call for) comes with it.
 */
export { ORDER_TYPE_LABELS, determineOrderType, precheck, precheckContextFromJson } from "@openbeian/core";
