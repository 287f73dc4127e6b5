/** The cloud regions a server may be in (mirrors REGIONS in @openbeian/core). */
export const REGIONS = [
  { id: "cn-beijing", zh: "华北2（北京）", en: "China North 2 (Beijing)" },
  { id: "cn-shanghai", zh: "华东2（上海）", en: "China East 2 (Shanghai)" },
  { id: "cn-hangzhou", zh: "华东1（杭州）", en: "China East 1 (Hangzhou)" },
  { id: "cn-shenzhen", zh: "华南1（深圳）", en: "China South 1 (Shenzhen)" },
  { id: "cn-chengdu", zh: "西南1（成都）", en: "China Southwest 1 (Chengdu)" },
  { id: "cn-hongkong", zh: "中国香港", en: "Hong Kong (China)" },
  { id: "ap-singapore", zh: "新加坡", en: "Singapore" },
] as const;
