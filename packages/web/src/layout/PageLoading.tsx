import { Flex, Spin } from "antd";

export function PageLoading() {
  return (
    <Flex justify="center" style={{ padding: 64 }}>
      <Spin />
    </Flex>
  );
}
