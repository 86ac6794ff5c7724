"""WeChat Official Account articles: the draft API's fields and content, pictures beside them."""

from generator.wechat.build import WeChatResult, build_wechat, check_wechat

__all__ = ["WeChatResult", "build_wechat", "check_wechat"]
