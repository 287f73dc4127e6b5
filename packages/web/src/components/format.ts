import dayjs from "dayjs";

export const formatTime = (iso: string | null | undefined) =>
  iso ? dayjs(iso).format("YYYY-MM-DD HH:mm") : "—";
export const formatDate = (iso: string | null | undefined) => (iso ? dayjs(iso).format("YYYY-MM-DD") : "—");
