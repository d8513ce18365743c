"""Constant data for the demonstration hotline centre (大连市8890热线演示数据).

Pure data: a generator elsewhere builds departments, categories, citizens and work orders from it.
Nothing here is a real person or a real case; street names are real-sounding Dalian roads.

Placeholders in ``TEMPLATES`` (the generator passes all of them to ``str.format``; a template
uses any subset):

- ``{address}``: a full address with district, street and number, e.g. ``甘井子区山东路123号``;
- ``{district}``: a name from ``DISTRICTS``, e.g. ``沙河口区``;
- ``{street}``: a name from ``STREETS[district]``, e.g. ``西安路``;
- ``{days}``: a small whole number of days (1 to about 30);
- ``{name}``: a person's full name (a staff member, driver or doctor being praised).

The other text tuples (replies, return and extension reasons, direct answers, callback notes)
contain no placeholders and are used verbatim.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DeptSpec:
    """A department (承办单位); ``parent`` is the code of the parent department or None."""

    code: str
    name: str
    parent: str | None


@dataclass(frozen=True)
class CategorySpec:
    """A node of the category tree (事项分类); only leaves carry a default department code."""

    code: str
    name: str
    children: tuple[CategorySpec, ...] = ()
    department: str | None = None


# 承办单位: municipal bureaus, public-service enterprises, district governments and their units.
DEPARTMENTS: tuple[DeptSpec, ...] = (
    # 市直部门
    DeptSpec("ZJJ", "市住房和城乡建设局", None),
    DeptSpec("CGJ", "市城市管理局（综合行政执法局）", None),
    DeptSpec("JTJ", "市交通运输局", None),
    DeptSpec("SHJ", "市生态环境局", None),
    DeptSpec("SJJ", "市市场监督管理局", None),
    DeptSpec("RSJ", "市人力资源和社会保障局", None),
    DeptSpec("JYJ", "市教育局", None),
    DeptSpec("WJW", "市卫生健康委员会", None),
    DeptSpec("GAJ", "市公安局", None),
    DeptSpec("SWJ", "市水务局", None),
    DeptSpec("ZRJ", "市自然资源局", None),
    DeptSpec("MZJ", "市民政局", None),
    DeptSpec("YBJ", "市医疗保障局", None),
    DeptSpec("SWUJ", "市商务局", None),
    DeptSpec("WLJ", "市文化和旅游局", None),
    DeptSpec("YJJ", "市应急管理局", None),
    DeptSpec("SWZJ", "国家税务总局大连市税务局", None),
    DeptSpec("GJJ", "市住房公积金管理中心", None),
    # 公共服务企业
    DeptSpec("GDGS", "国网大连供电公司", None),
    DeptSpec("RQJT", "大连燃气集团", None),
    DeptSpec("RDJT", "大连热电集团", None),
    DeptSpec("ZLS", "大连市自来水集团", None),
    DeptSpec("GJJT", "大连公交客运集团", None),
    DeptSpec("YDDL", "中国移动大连分公司", None),
    # 区市县（先导区）政府及所属单位
    DeptSpec("ZSQ", "中山区人民政府", None),
    DeptSpec("ZSQ-QN", "中山区青泥洼桥街道办事处", "ZSQ"),
    DeptSpec("XGQ", "西岗区人民政府", None),
    DeptSpec("XGQ-CJ", "西岗区城市建设局", "XGQ"),
    DeptSpec("SHK", "沙河口区人民政府", None),
    DeptSpec("SHK-CL", "沙河口区春柳街道办事处", "SHK"),
    DeptSpec("GJZ", "甘井子区人民政府", None),
    DeptSpec("GJZ-CJ", "甘井子区城市建设管理局", "GJZ"),
    DeptSpec("GJZ-ZH", "甘井子区中华路街道办事处", "GJZ"),
    DeptSpec("LSK", "旅顺口区人民政府", None),
    DeptSpec("LSK-ZJ", "旅顺口区住房和城乡建设局", "LSK"),
    DeptSpec("JZQ", "金州区人民政府", None),
    DeptSpec("JZQ-CG", "金州区城市管理局", "JZQ"),
    DeptSpec("PLD", "普兰店区人民政府", None),
    DeptSpec("PLD-ZJ", "普兰店区住房和城乡建设局", "PLD"),
    DeptSpec("WFD", "瓦房店市人民政府", None),
    DeptSpec("WFD-ZJ", "瓦房店市住房和城乡建设局", "WFD"),
    DeptSpec("ZHS", "庄河市人民政府", None),
    DeptSpec("ZHS-ZJ", "庄河市住房和城乡建设局", "ZHS"),
    DeptSpec("CHX", "长海县人民政府", None),
    DeptSpec("CHX-DCS", "长海县大长山岛镇人民政府", "CHX"),
    DeptSpec("GXQ", "高新技术产业园区管理委员会", None),
    DeptSpec("GXQ-LS", "高新技术产业园区凌水街道办事处", "GXQ"),
)

# 事项分类: 一级 > 二级 > 三级; each leaf names its default responsible department (routing rule).
CATEGORIES: tuple[CategorySpec, ...] = (
    CategorySpec(
        "01",
        "城乡建设",
        (
            CategorySpec(
                "0101",
                "物业管理",
                (
                    CategorySpec("010101", "电梯故障", department="SJJ"),
                    CategorySpec("010102", "物业服务收费", department="ZJJ"),
                    CategorySpec("010103", "小区环境卫生", department="ZJJ"),
                    CategorySpec("010104", "物业服务质量", department="ZJJ"),
                    CategorySpec("010105", "业主委员会", department="ZJJ"),
                ),
            ),
            CategorySpec(
                "0102",
                "供暖",
                (
                    CategorySpec("010201", "室温不达标", department="RDJT"),
                    CategorySpec("010202", "供暖费收缴", department="RDJT"),
                    CategorySpec("010203", "供热管网漏水", department="RDJT"),
                    CategorySpec("010204", "供暖报停与开栓", department="RDJT"),
                ),
            ),
            CategorySpec(
                "0103",
                "房屋管理",
                (
                    CategorySpec("010301", "房屋质量问题", department="ZJJ"),
                    CategorySpec("010302", "老旧小区改造", department="ZJJ"),
                    CategorySpec("010303", "房屋中介", department="ZJJ"),
                    CategorySpec("010304", "商品房延期交付", department="ZJJ"),
                ),
            ),
            CategorySpec(
                "0104",
                "建筑施工",
                (
                    CategorySpec("010401", "工地安全", department="ZJJ"),
                    CategorySpec("010402", "工地扬尘", department="ZJJ"),
                ),
            ),
        ),
    ),
    CategorySpec(
        "02",
        "城市管理",
        (
            CategorySpec(
                "0201",
                "市容环境",
                (
                    CategorySpec("020101", "占道经营", department="CGJ"),
                    CategorySpec("020102", "违章建筑", department="CGJ"),
                    CategorySpec("020103", "乱贴小广告", department="CGJ"),
                    CategorySpec("020104", "户外广告牌", department="CGJ"),
                ),
            ),
            CategorySpec(
                "0202",
                "环境卫生",
                (
                    CategorySpec("020201", "垃圾清运不及时", department="CGJ"),
                    CategorySpec("020202", "公厕管理", department="CGJ"),
                    CategorySpec("020203", "垃圾分类", department="CGJ"),
                ),
            ),
            CategorySpec(
                "0203",
                "市政设施",
                (
                    CategorySpec("020301", "路灯不亮", department="CGJ"),
                    CategorySpec("020302", "道路破损", department="CGJ"),
                    CategorySpec("020303", "井盖缺失", department="CGJ"),
                    CategorySpec("020304", "道路积雪清除", department="CGJ"),
                ),
            ),
            CategorySpec(
                "0204",
                "园林绿化",
                (
                    CategorySpec("020401", "树木修剪", department="CGJ"),
                    CategorySpec("020402", "绿地毁坏", department="CGJ"),
                ),
            ),
        ),
    ),
    CategorySpec(
        "03",
        "交通运输",
        (
            CategorySpec(
                "0301",
                "公交",
                (
                    CategorySpec("030101", "线路调整", department="GJJT"),
                    CategorySpec("030102", "司机服务态度", department="GJJT"),
                    CategorySpec("030103", "发车间隔过长", department="GJJT"),
                    CategorySpec("030104", "站点设置", department="GJJT"),
                ),
            ),
            CategorySpec(
                "0302",
                "出租车",
                (
                    CategorySpec("030201", "拒载", department="JTJ"),
                    CategorySpec("030202", "绕路", department="JTJ"),
                    CategorySpec("030203", "网约车", department="JTJ"),
                    CategorySpec("030204", "不打表议价", department="JTJ"),
                ),
            ),
            CategorySpec(
                "0303",
                "轨道交通",
                (
                    CategorySpec("030301", "地铁运营服务", department="JTJ"),
                ),
            ),
            CategorySpec(
                "0304",
                "道路运输",
                (
                    CategorySpec("030401", "长途客运", department="JTJ"),
                    CategorySpec("030402", "驾校培训", department="JTJ"),
                ),
            ),
        ),
    ),
    CategorySpec(
        "04",
        "环境保护",
        (
            CategorySpec(
                "0401",
                "噪声污染",
                (
                    CategorySpec("040101", "施工噪声", department="SHJ"),
                    CategorySpec("040102", "商业噪声", department="CGJ"),
                    CategorySpec("040103", "社会生活噪声", department="GAJ"),
                ),
            ),
            CategorySpec(
                "0402",
                "大气污染",
                (
                    CategorySpec("040201", "餐饮油烟", department="CGJ"),
                    CategorySpec("040202", "工业废气", department="SHJ"),
                    CategorySpec("040203", "露天焚烧", department="CGJ"),
                ),
            ),
            CategorySpec(
                "0403",
                "水污染",
                (
                    CategorySpec("040301", "企业排污", department="SHJ"),
                    CategorySpec("040302", "近岸海域污染", department="SHJ"),
                ),
            ),
        ),
    ),
    CategorySpec(
        "05",
        "劳动保障",
        (
            CategorySpec(
                "0501",
                "劳动关系",
                (
                    CategorySpec("050101", "拖欠工资", department="RSJ"),
                    CategorySpec("050102", "劳动合同纠纷", department="RSJ"),
                    CategorySpec("050103", "未缴纳社会保险", department="RSJ"),
                ),
            ),
            CategorySpec(
                "0502",
                "就业创业",
                (
                    CategorySpec("050201", "就业补贴", department="RSJ"),
                    CategorySpec("050202", "职业技能培训", department="RSJ"),
                ),
            ),
        ),
    ),
    CategorySpec(
        "06",
        "市场监管",
        (
            CategorySpec(
                "0601",
                "食品安全",
                (
                    CategorySpec("060101", "过期变质食品", department="SJJ"),
                    CategorySpec("060102", "餐饮卫生", department="SJJ"),
                    CategorySpec("060103", "无证经营", department="SJJ"),
                ),
            ),
            CategorySpec(
                "0602",
                "消费维权",
                (
                    CategorySpec("060201", "预付卡退费", department="SJJ"),
                    CategorySpec("060202", "商品质量", department="SJJ"),
                    CategorySpec("060203", "价格欺诈", department="SJJ"),
                    CategorySpec("060204", "网购纠纷", department="SJJ"),
                ),
            ),
        ),
    ),
    CategorySpec(
        "07",
        "教育",
        (
            CategorySpec(
                "0701",
                "基础教育",
                (
                    CategorySpec("070101", "入学划片", department="JYJ"),
                    CategorySpec("070102", "校外培训", department="JYJ"),
                    CategorySpec("070103", "学校收费", department="JYJ"),
                    CategorySpec("070104", "幼儿园管理", department="JYJ"),
                ),
            ),
            CategorySpec(
                "0702",
                "教育管理",
                (
                    CategorySpec("070201", "师德师风", department="JYJ"),
                    CategorySpec("070202", "课后服务", department="JYJ"),
                ),
            ),
        ),
    ),
    CategorySpec(
        "08",
        "医疗卫生",
        (
            CategorySpec(
                "0801",
                "医疗服务",
                (
                    CategorySpec("080101", "医疗服务态度", department="WJW"),
                    CategorySpec("080102", "医疗纠纷", department="WJW"),
                    CategorySpec("080103", "挂号难", department="WJW"),
                ),
            ),
            CategorySpec(
                "0802",
                "公共卫生",
                (
                    CategorySpec("080201", "疫苗接种", department="WJW"),
                    CategorySpec("080202", "病媒生物防治", department="WJW"),
                ),
            ),
        ),
    ),
    CategorySpec(
        "09",
        "社会保障",
        (
            CategorySpec(
                "0901",
                "医疗保险",
                (
                    CategorySpec("090101", "医保报销", department="YBJ"),
                    CategorySpec("090102", "异地就医备案", department="YBJ"),
                    CategorySpec("090103", "城乡居民医保缴费", department="YBJ"),
                ),
            ),
            CategorySpec(
                "0902",
                "养老保险",
                (
                    CategorySpec("090201", "养老金待遇", department="RSJ"),
                    CategorySpec("090202", "养老保险转移接续", department="RSJ"),
                    CategorySpec("090203", "灵活就业人员参保", department="RSJ"),
                ),
            ),
            CategorySpec(
                "0903",
                "住房公积金",
                (
                    CategorySpec("090301", "公积金提取", department="GJJ"),
                    CategorySpec("090302", "公积金贷款", department="GJJ"),
                ),
            ),
        ),
    ),
    CategorySpec(
        "10",
        "公安",
        (
            CategorySpec(
                "1001",
                "户籍管理",
                (
                    CategorySpec("100101", "户口迁移", department="GAJ"),
                    CategorySpec("100102", "身份证办理", department="GAJ"),
                    CategorySpec("100103", "居住证办理", department="GAJ"),
                ),
            ),
            CategorySpec(
                "1002",
                "交通管理",
                (
                    CategorySpec("100201", "交通违法处理", department="GAJ"),
                    CategorySpec("100202", "违规停车", department="GAJ"),
                    CategorySpec("100203", "信号灯故障", department="GAJ"),
                ),
            ),
            CategorySpec(
                "1003",
                "治安管理",
                (
                    CategorySpec("100301", "电信网络诈骗", department="GAJ"),
                    CategorySpec("100302", "养犬管理", department="GAJ"),
                ),
            ),
        ),
    ),
    CategorySpec(
        "11",
        "水电气暖",
        (
            CategorySpec(
                "1101",
                "供水",
                (
                    CategorySpec("110101", "停水", department="ZLS"),
                    CategorySpec("110102", "水质问题", department="ZLS"),
                    CategorySpec("110103", "水压低", department="ZLS"),
                    CategorySpec("110104", "水费水表", department="ZLS"),
                ),
            ),
            CategorySpec(
                "1102",
                "供电",
                (
                    CategorySpec("110201", "停电", department="GDGS"),
                    CategorySpec("110202", "电压不稳", department="GDGS"),
                    CategorySpec("110203", "电费争议", department="GDGS"),
                ),
            ),
            CategorySpec(
                "1103",
                "燃气",
                (
                    CategorySpec("110301", "燃气泄漏", department="RQJT"),
                    CategorySpec("110302", "燃气开通", department="RQJT"),
                    CategorySpec("110303", "燃气安检收费", department="RQJT"),
                ),
            ),
            CategorySpec(
                "1104",
                "通信",
                (
                    CategorySpec("110401", "手机信号差", department="YDDL"),
                    CategorySpec("110402", "宽带故障", department="YDDL"),
                ),
            ),
            CategorySpec(
                "1105",
                "排水",
                (
                    CategorySpec("110501", "排水管道堵塞", department="SWJ"),
                    CategorySpec("110502", "路面积水", department="SWJ"),
                ),
            ),
        ),
    ),
    CategorySpec(
        "12",
        "民政",
        (
            CategorySpec(
                "1201",
                "社会救助",
                (
                    CategorySpec("120101", "低保申请", department="MZJ"),
                    CategorySpec("120102", "临时救助", department="MZJ"),
                ),
            ),
            CategorySpec(
                "1202",
                "养老服务",
                (
                    CategorySpec("120201", "养老机构", department="MZJ"),
                    CategorySpec("120202", "高龄津贴", department="MZJ"),
                ),
            ),
            CategorySpec(
                "1203",
                "婚姻殡葬",
                (
                    CategorySpec("120301", "婚姻登记", department="MZJ"),
                    CategorySpec("120302", "殡葬服务", department="MZJ"),
                ),
            ),
        ),
    ),
    CategorySpec(
        "13",
        "自然资源",
        (
            CategorySpec(
                "1301",
                "不动产登记",
                (
                    CategorySpec("130101", "不动产权证办理", department="ZRJ"),
                    CategorySpec("130102", "不动产登记服务", department="ZRJ"),
                ),
            ),
            CategorySpec(
                "1302",
                "规划与土地",
                (
                    CategorySpec("130201", "规划调整", department="ZRJ"),
                    CategorySpec("130202", "违法占地", department="ZRJ"),
                ),
            ),
        ),
    ),
    CategorySpec(
        "14",
        "文化旅游",
        (
            CategorySpec(
                "1401",
                "旅游市场",
                (
                    CategorySpec("140101", "旅行社纠纷", department="WLJ"),
                    CategorySpec("140102", "景区服务", department="WLJ"),
                    CategorySpec("140103", "导游服务", department="WLJ"),
                ),
            ),
            CategorySpec(
                "1402",
                "文化市场",
                (
                    CategorySpec("140201", "娱乐场所", department="WLJ"),
                    CategorySpec("140202", "公共文化活动", department="WLJ"),
                ),
            ),
        ),
    ),
    CategorySpec(
        "15",
        "应急安全",
        (
            CategorySpec(
                "1501",
                "安全生产",
                (
                    CategorySpec("150101", "安全隐患", department="YJJ"),
                    CategorySpec("150102", "消防通道堵塞", department="YJJ"),
                ),
            ),
        ),
    ),
    CategorySpec(
        "16",
        "财税商务",
        (
            CategorySpec(
                "1601",
                "税务",
                (
                    CategorySpec("160101", "发票开具", department="SWZJ"),
                    CategorySpec("160102", "个人所得税", department="SWZJ"),
                ),
            ),
            CategorySpec(
                "1602",
                "商务流通",
                (
                    CategorySpec("160201", "以旧换新补贴", department="SWUJ"),
                    CategorySpec("160202", "商场超市管理", department="SWUJ"),
                ),
            ),
        ),
    ),
    CategorySpec(
        "17",
        "咨询类",
        (
            CategorySpec(
                "1701",
                "政策咨询",
                (
                    CategorySpec("170101", "人才政策", department="RSJ"),
                    CategorySpec("170102", "购房政策", department="ZJJ"),
                    CategorySpec("170103", "生育育儿政策", department="WJW"),
                    CategorySpec("170104", "创业扶持政策", department="RSJ"),
                ),
            ),
        ),
    ),
)

DISTRICTS: tuple[str, ...] = (
    "中山区",
    "西岗区",
    "沙河口区",
    "甘井子区",
    "旅顺口区",
    "金州区",
    "普兰店区",
    "瓦房店市",
    "庄河市",
    "长海县",
    "高新技术产业园区",
)

# Roads and streets per district; an address is district + street + a house number.
STREETS: dict[str, tuple[str, ...]] = {
    "中山区": (
        "人民路", "解放路", "天津街", "中山路", "友好路", "五五路", "鲁迅路", "港湾街", "七一街",
        "桃源街", "延安路", "青泥街",
    ),
    "西岗区": (
        "新开路", "北京街", "八一路", "大同街", "长春路", "沿海街", "胜利路", "石道街", "英华街",
        "长江路",
    ),
    "沙河口区": (
        "西安路", "黄河路", "五一路", "中长街", "太原街", "兴工街", "李家街", "白山路", "马栏南街",
        "成义街", "春柳街",
    ),
    "甘井子区": (
        "山东路", "华北路", "中华西路", "红旗西路", "西南路", "姚家路", "椒金山路", "泉水路",
        "革镇堡路", "辛寨子街", "华南北路",
    ),
    "旅顺口区": (
        "斯大林路", "友谊路", "顺乐街", "文化街", "龙河路", "登峰路", "水师营街", "黄河路",
    ),
    "金州区": (
        "南山路", "东门街", "西门街", "光明街", "拥政街", "站前街", "友谊路", "和平路", "斯大林路",
    ),
    "普兰店区": (
        "丰荣街", "铁西大街", "太平街", "站前路", "和平路", "昌盛路", "世纪路", "胜利路",
    ),
    "瓦房店市": (
        "共济街", "岭东街", "文兰路", "西长春路", "东长春路", "辽宁街", "复州大街", "南环路",
    ),
    "庄河市": (
        "昌盛街", "兴达街", "新华路", "明阳路", "黄海大街", "世纪大街", "滨海路", "城关街",
    ),
    "长海县": (
        "大长山岛镇中心路", "大长山岛镇海港路", "小长山岛镇英杰路", "广鹿乡柳条路",
        "獐子岛镇沙包路", "海洋乡南山路", "大长山岛镇四块石路", "大长山岛镇杨家路",
    ),
    "高新技术产业园区": (
        "黄浦路", "数码路", "软件园路", "火炬路", "广贤路", "礼贤街", "凌工路", "旅顺南路",
        "高能街", "学府大街",
    ),
}

# Common surnames (百家姓 by frequency).
SURNAMES: tuple[str, ...] = (
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
    "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹",
    "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛",
    "叶", "阎", "余", "潘", "杜", "戴", "夏", "钟", "汪", "田", "任", "姜", "范", "方", "石", "姚",
    "谭", "廖", "邹", "熊", "金", "陆", "郝", "孔", "白", "崔", "康", "毛", "邱", "秦", "江", "史",
    "顾", "侯", "邵", "孟", "龙", "万", "段", "钱", "汤", "尹", "黎", "易", "常", "武", "乔", "贺",
    "赖", "龚", "文",
)

# Given names of one or two characters, across generations.
GIVEN_NAMES: tuple[str, ...] = (
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超",
    "霞", "平", "刚", "桂英", "秀英", "秀兰", "玉兰", "淑珍", "桂兰", "凤英", "丽娟", "建国",
    "建华", "国庆", "志强", "春梅", "海燕", "红梅", "玉梅", "晓东", "晓明", "海涛", "海波", "立新",
    "立伟", "振华", "宏伟", "德胜", "文博", "子涵", "浩然", "梓轩", "欣怡", "雨涵", "思远", "佳琪",
    "一诺", "宇航", "俊杰", "晨曦", "婷婷", "丹丹", "鑫", "博", "爽", "爱华", "淑华", "凤兰",
    "春生", "长海", "福山", "金凤", "秀云", "志刚",
)

# Mobile prefixes (3 digits, followed by 8 digits) and the Dalian area code 0411 (followed
# by an 8-digit landline number).
PHONE_PREFIXES: tuple[str, ...] = (
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "145", "147", "150",
    "151", "152", "153", "155", "156", "157", "158", "159", "166", "170", "171", "173", "175",
    "176", "177", "178", "180", "181", "182", "183", "184", "185", "186", "187", "188", "189",
    "191", "193", "195", "196", "197", "198", "199", "0411",
)

# 诉求内容 templates per leaf category code; "*" holds generic ones usable for any category.
TEMPLATES: dict[str, tuple[str, ...]] = {
    "010101": (  # 电梯故障
        (
            "来电人反映{address}小区3号楼电梯近{days}天多次困人，物业维修后仍反复故障，"
            "要求相关部门督促物业彻底维修并做安全检测。"
        ),
        (
            "来电人称其居住的{district}{street}某小区11号楼2单元电梯已停运{days}天，"
            "楼内多位老人上下楼困难，物业称在等配件，至今无人处理，要求尽快恢复运行。"
        ),
        (
            "来电人反映{address}写字楼电梯年检合格标志已过期，运行时有异响和明显抖动，"
            "担心存在安全隐患，要求特种设备监管部门上门检查。"
        ),
    ),
    "010102": (  # 物业服务收费
        (
            "来电人反映{address}小区物业未经业主大会同意，"
            "自今年起将物业费从每平方米1.2元上调至1.8元，业主普遍不认可，"
            "要求核实物业调价是否合规。"
        ),
        (
            "来电人称{district}{street}某小区物业要求业主先交清全年物业费才给办理门禁卡和装修手"
            "续，认为捆绑收费不合理，要求相关部门查处。"
        ),
        (
            "咨询：来电人在{district}购买的新房尚未入住，物业要求按全额缴纳物业费，"
            "空置房的物业费能否减免，应向哪个部门反映？"
        ),
    ),
    "010103": (  # 小区环境卫生
        (
            "来电人反映{address}小区内垃圾桶已满溢{days}天无人清运，散发异味，蚊蝇很多，"
            "多次找物业未果，要求督促物业及时清理。"
        ),
        (
            "来电人反映{district}{street}某小区楼道内堆放大量杂物和废旧家具，"
            "既影响通行又存在消防隐患，物业不予处理，要求协调清理。"
        ),
    ),
    "010104": (  # 物业服务质量
        (
            "来电人反映{address}小区物业长期不作为，单元门禁损坏{days}天未修，监控也不能正常使用，"
            "近期小区内发生多起电动车被盗，要求督促物业履职。"
        ),
        (
            "来电人反映{district}{street}某小区原物业公司撤场后无人管理，小区路灯不亮、"
            "化粪池外溢，要求街道协调选聘新物业或先行应急托管。"
        ),
        (
            "表扬：来电人称{address}小区物业管家{name}在其家中水管爆裂时半夜赶到关阀抢修，"
            "避免楼下被淹，特致电表扬。"
        ),
    ),
    "010105": (  # 业主委员会
        (
            "咨询：{district}{street}某小区业主想成立业主委员会，需要满足什么条件，"
            "应向街道还是住建部门提出申请，筹备组如何组成？"
        ),
        (
            "来电人反映{address}小区业委会任期已届满{days}天仍未组织换届选举，"
            "且从未公开公共收益收支情况，要求主管部门督促换届并公示账目。"
        ),
    ),
    "010201": (  # 室温不达标
        (
            "来电人反映{address}家中室温连续{days}天只有14度左右，已按时缴纳取暖费，"
            "热电公司上门测温后仍未解决，家中有老人和婴儿，要求尽快提温。"
        ),
        (
            "来电人称{district}{street}某小区整栋楼暖气上热下凉，顶层住户室温不足16度，"
            "多次报修均称排气后会好转，但一直没有改善，要求彻底排查管网。"
        ),
        (
            "来电人反映自{days}天前开始，{address}家中暖气时热时不热，夜间温度明显下降，"
            "怀疑夜间降低供热，要求供热单位说明原因并保证室温达标。"
        ),
    ),
    "010202": (  # 供暖费收缴
        (
            "来电人反映{district}供热单位要求其补交前年的取暖费和滞纳金，"
            "来电人称当年已经缴纳但收据丢失，要求核实缴费记录并取消滞纳金。"
        ),
        (
            "来电人反映{address}小区今年取暖费缴费通知张贴过晚，来电人错过优惠期，"
            "供热单位不再给予优惠，来电人认为不合理，要求协调。"
        ),
    ),
    "010203": (  # 供热管网漏水
        (
            "来电人反映{address}楼前供热管道漏水冒热气已{days}天，路面结冰，行人多次滑倒，"
            "要求供热单位尽快抢修。"
        ),
        (
            "来电人反映{address}楼上住户暖气阀门漏水，水已渗到自家天棚，楼上无人在家联系不上，"
            "要求供热单位尽快上门关阀处理。"
        ),
    ),
    "010204": (  # 供暖报停与开栓
        (
            "咨询：来电人房屋在{address}，今年冬季不在大连居住，想办理供暖报停，"
            "需要在什么时间之前申请、带哪些材料、报停后是否还需交基础热费？"
        ),
        (
            "来电人反映{address}房屋去年办理了供暖报停，今年已按时缴费申请恢复供暖，"
            "但{days}天过去仍未上门开栓，要求尽快处理。"
        ),
    ),
    "010301": (  # 房屋质量问题
        (
            "来电人反映{address}新建小区交房不到两年，外墙保温层大面积脱落，卫生间和阳台渗水，"
            "开发商推诿不予维修，要求住建部门督促开发商履行保修责任。"
        ),
        (
            "来电人反映{district}{street}某小区地下车库顶板多处渗水，墙面开裂，担心房屋结构安全，"
            "要求相关部门组织安全鉴定。"
        ),
    ),
    "010302": (  # 老旧小区改造
        (
            "咨询：{district}{street}一带的老旧小区是否列入今年的改造计划，改造内容包括哪些，"
            "居民是否需要出资？"
        ),
        (
            "来电人反映{address}小区老旧小区改造施工已停工{days}天，外墙脚手架一直未拆，"
            "窗户无法打开，要求施工单位尽快复工并明确完工时间。"
        ),
        (
            "建议：来电人所住{district}{street}老旧小区为六层住宅，居民老年人居多，"
            "建议在改造中统筹考虑加装电梯并明确补贴政策。"
        ),
    ),
    "010303": (  # 房屋中介
        (
            "来电人反映通过{district}{street}一家房屋中介租房，"
            "退租时中介以墙面污损等理由扣押押金3000元不退，要求相关部门查处。"
        ),
        (
            "来电人反映{address}附近一家房产中介发布虚假房源信息，实地看房时称房子已租出，"
            "随后推荐高价房源并要求先交看房费，要求查处。"
        ),
    ),
    "010304": (  # 商品房延期交付
        (
            "来电人反映其在{district}购买的某楼盘合同约定去年年底交房，至今已逾期{days}天，"
            "开发商未给出明确交房时间，要求主管部门督促尽快交房并按合同赔付。"
        ),
        (
            "来电人反映{district}{street}某楼盘已停工{days}天，工地无人施工，购房人每月照常还贷，"
            "要求政府部门介入保交楼。"
        ),
    ),
    "010401": (  # 工地安全
        (
            "来电人反映{address}附近工地塔吊作业时吊物从人行道上方经过，未设置警戒区域，"
            "行人安全受到威胁，要求住建部门检查。"
        ),
        (
            "来电人反映{district}{street}旁工地围挡被大风刮倒{days}天未修复，基坑无防护，"
            "附近有小学，学生上下学经过，存在安全隐患。"
        ),
    ),
    "010402": (  # 工地扬尘
        (
            "来电人反映{address}附近拆迁工地未采取洒水降尘措施，土方未苫盖，大风天气扬尘严重，"
            "居民不敢开窗，要求督促整改。"
        ),
        (
            "来电人反映{district}{street}渣土车未密闭运输，沿途撒漏泥土，雨后路面泥泞，"
            "要求相关部门查处。"
        ),
    ),
    "020101": (  # 占道经营
        (
            "来电人反映{district}{street}与附近路口交叉处每天傍晚有大量流动摊贩占用人行道摆摊，"
            "堵塞交通，垃圾遍地，要求城管部门加强管理。"
        ),
        (
            "来电人反映{address}临街多家水果店和烧烤店将货架、桌椅摆放到店外人行道上，"
            "行人只能走机动车道，存在安全隐患，要求清理。"
        ),
        (
            "举报：{district}{street}早市已超出规定时间和范围经营，每天上午10点后仍有商贩占道，"
            "要求城管部门依法查处。"
        ),
    ),
    "020102": (  # 违章建筑
        (
            "举报：{address}小区一楼住户私自在院内搭建彩钢房并向外扩建约20平方米，已施工{days}天，"
            "影响楼上住户采光和通行，要求执法部门拆除。"
        ),
        (
            "来电人反映{district}{street}某小区顶楼住户在楼顶私建阳光房，造成楼顶防水层破坏，"
            "楼下住户屋内漏雨，要求执法部门依法处理。"
        ),
    ),
    "020103": (  # 乱贴小广告
        (
            "来电人反映{address}附近楼道、电线杆上张贴大量开锁、办证、疏通下水等小广告，"
            "清理后很快又被贴上，要求城管部门治理并追查广告电话。"
        ),
        "来电人反映{district}{street}沿街墙面被人用油漆喷涂大量办证电话，严重影响市容，要求清除。",
    ),
    "020104": (  # 户外广告牌
        (
            "来电人反映{district}{street}某商铺门头广告牌松动倾斜，近期大风天气有脱落风险，"
            "下方是人行道，要求相关部门督促加固或拆除。"
        ),
        (
            "来电人反映{address}楼顶废弃广告牌锈蚀严重，多处铁皮翘起，担心台风季坠落伤人，"
            "要求尽快拆除。"
        ),
    ),
    "020201": (  # 垃圾清运不及时
        (
            "来电人反映{district}{street}路边垃圾收集点的垃圾已{days}天未清运，天气炎热异味严重，"
            "要求环卫部门及时清运。"
        ),
        (
            "来电人反映{address}附近垃圾转运站清运车每天凌晨4点作业，噪声大且沿途滴漏污水，"
            "要求调整作业时间并加强管理。"
        ),
    ),
    "020202": (  # 公厕管理
        (
            "来电人反映{district}{street}附近公共厕所已锁门{days}天，周边没有其他公厕，"
            "游客和老人如厕不便，要求尽快开放。"
        ),
        "来电人反映{address}附近公厕卫生状况差，地面积水，洗手池没有水，异味很大，要求加强保洁。",
    ),
    "020203": (  # 垃圾分类
        (
            "建议：{district}部分小区垃圾分类桶只有一种颜色，居民无法分类投放，"
            "建议统一配置分类垃圾桶并安排人员指导分类投放。"
        ),
        (
            "咨询：家中的旧家具、废旧床垫等大件垃圾应如何处理，{district}是否有预约上门收运服务，"
            "是否收费？"
        ),
    ),
    "020301": (  # 路灯不亮
        (
            "来电人反映{district}{street}一段约200米的路灯已连续{days}天不亮，"
            "夜间行人和车辆通行存在安全隐患，要求尽快维修。"
        ),
        "来电人反映{address}门前路灯白天也一直亮着，已持续{days}天，浪费电力，要求管理部门检修。",
    ),
    "020302": (  # 道路破损
        (
            "来电人反映{district}{street}靠近公交站的路面出现一个直径约1米的深坑，已有电动车摔倒，"
            "要求相关部门尽快修补。"
        ),
        (
            "来电人反映{address}附近人行道方砖大面积松动翘起，雨后踩上去溅水，有老人被绊倒，"
            "要求尽快维修。"
        ),
    ),
    "020303": (  # 井盖缺失
        (
            "来电人反映{address}门前人行道上一处井盖缺失，仅用树枝遮挡，夜间行人极易跌落，"
            "情况紧急，要求立即处置。"
        ),
        (
            "来电人反映{district}{street}机动车道上一处雨水井盖破碎下沉，车辆经过时发出巨响，"
            "要求尽快更换。"
        ),
    ),
    "020304": (  # 道路积雪清除
        (
            "来电人反映昨夜降雪后，{district}{street}坡道至今未清雪，路面结冰严重，车辆无法上坡，"
            "多名行人摔倒，要求尽快清雪并撒融雪剂。"
        ),
        (
            "建议：{district}{street}一带坡陡弯多，每逢降雪就出现车辆打滑，"
            "建议在坡道两侧常备融雪剂和防滑沙箱。"
        ),
    ),
    "020401": (  # 树木修剪
        (
            "来电人反映{address}楼前行道树枝叶已长到三楼窗户，遮挡采光，夏季虫子很多，"
            "要求园林部门修剪。"
        ),
        (
            "来电人反映{district}{street}路边一棵大树树干已被虫蛀空并倾斜，大风天气随时可能倒伏，"
            "下方停放大量车辆，要求尽快处置。"
        ),
    ),
    "020402": (  # 绿地毁坏
        (
            "来电人反映{address}附近街心绿地被人开垦种菜，还有人在绿地内圈占停车，"
            "要求相关部门恢复绿化。"
        ),
        (
            "来电人反映{district}{street}路边绿化带被施工单位挖开铺设管线，完工{days}天仍未恢复，"
            "裸土扬尘，要求督促恢复绿化。"
        ),
    ),
    "030101": (  # 线路调整
        (
            "建议：{district}{street}一带新建小区较多，居民只能步行1公里到公交站乘车，"
            "建议增设公交线路或将附近线路延伸至小区门口。"
        ),
        (
            "来电人反映23路公交车近期调整线路后不再经过{street}站，"
            "周边居民特别是老人出行非常不便，要求恢复原线路。"
        ),
    ),
    "030102": (  # 司机服务态度
        (
            "投诉：来电人今天上午在{street}站乘坐公交车，因老人刷卡慢，司机态度恶劣并出言不逊，"
            "要求公交公司调查处理并道歉。"
        ),
        (
            "来电人反映在{district}{street}站候车时，公交车未进站停靠直接驶离，"
            "站台上多名乘客未能上车，要求公交公司加强司机管理。"
        ),
        (
            "表扬：来电人称{days}天前在公交车上将钱包遗落，司机{name}拾到后主动联系并送还，"
            "钱物分文不少，特致电表扬。"
        ),
    ),
    "030103": (  # 发车间隔过长
        (
            "来电人反映早高峰时段从{district}开往市内的公交车发车间隔长达30分钟，车内非常拥挤，"
            "要求早高峰加密班次。"
        ),
        (
            "来电人反映{street}站晚上8点以后等车超过40分钟，站牌标注的末班时间与实际不符，"
            "要求公交公司核实并按时刻表发车。"
        ),
    ),
    "030104": (  # 站点设置
        (
            "建议：{district}{street}公交站台距离路口太近，公交车进站时经常与右转车辆抢行，"
            "建议将站点后移并增设港湾式停靠站。"
        ),
        "来电人反映{address}附近公交站没有候车亭和座椅，老人雨天候车很不方便，要求增设候车亭。",
    ),
    "030201": (  # 拒载
        (
            "投诉：来电人于{days}天前晚上在{address}附近打车，"
            "出租车司机询问目的地后以交班为由拒载，来电人已记下车牌号，要求查处。"
        ),
        (
            "来电人反映在大连北站出站口打车时，多名出租车司机嫌路程近不愿拉客，"
            "要求交通部门加强站点出租车管理。"
        ),
    ),
    "030202": (  # 绕路
        (
            "投诉：来电人从周水子机场乘出租车到{address}，司机故意绕行多收费约40元，"
            "来电人保留了发票和行程记录，要求退还多收费用并处理司机。"
        ),
        (
            "来电人反映从大连站乘出租车到{district}{street}，司机未按导航路线行驶，"
            "车费比平时高出一倍，要求核查处理。"
        ),
    ),
    "030203": (  # 网约车
        (
            "来电人反映通过网约车平台叫车，到达{address}后司机以高速费、"
            "等候费名义额外索要50元现金，要求平台和交通部门处理。"
        ),
        (
            "举报：{district}{street}附近有多辆私家车长期在地铁站口揽客，属于非法营运，"
            "要求交通执法部门查处。"
        ),
    ),
    "030204": (  # 不打表议价
        (
            "来电人反映{district}{street}附近有出租车司机不打表，拒绝按表计价，一口价拉客，"
            "要求交通部门查处。"
        ),
        (
            "投诉：来电人在{street}附近乘坐出租车，司机以计价器坏了为由要求按一口价80元收费，"
            "来电人认为明显高于正常车费，要求查处。"
        ),
    ),
    "030301": (  # 地铁运营服务
        (
            "建议：地铁早高峰时段{street}站站内非常拥挤，安检排队超过10分钟，"
            "建议早高峰增加安检通道并加开区间车。"
        ),
        (
            "来电人反映{days}天前乘坐地铁时，{street}站的无障碍电梯一直停用，轮椅乘客无法进站，"
            "要求尽快修复。"
        ),
    ),
    "030402": (  # 驾校培训
        (
            "来电人反映在{district}某驾校报名学车已{days}天，"
            "驾校一直以教练不足为由不安排科目二练车，来电人要求退费遭拒，要求主管部门处理。"
        ),
        (
            "投诉：{district}{street}某驾校教练在练车时向学员索要好处费，不给就不认真教，"
            "要求交通部门查处。"
        ),
    ),
    "040101": (  # 施工噪声
        (
            "来电人反映{address}附近工地每天夜间11点后仍在打桩施工，噪声巨大，已持续{days}天，"
            "严重影响居民休息，要求查处夜间违规施工。"
        ),
        (
            "来电人反映{district}{street}道路施工凌晨仍在破碎路面，噪声扰民，"
            "询问施工单位是否办理了夜间施工许可。"
        ),
    ),
    "040102": (  # 商业噪声
        (
            "来电人反映{address}楼下商铺在门口摆放大功率音箱播放促销广告，从早上9点放到晚上9点，"
            "要求相关部门管理。"
        ),
        (
            "来电人反映{district}{street}某酒吧夜间营业音乐声音过大，持续到凌晨2点，"
            "附近居民无法入睡，要求处理。"
        ),
    ),
    "040103": (  # 社会生活噪声
        (
            "来电人反映{district}{street}广场每晚跳广场舞时音响声音过大，持续到晚上9点半以后，"
            "附近居民无法休息，要求协调降低音量、控制时间。"
        ),
        (
            "来电人反映{address}楼上住户装修，周末早上7点就开始电钻作业，物业劝阻无效，"
            "已持续{days}天，要求相关部门处理。"
        ),
    ),
    "040201": (  # 餐饮油烟
        (
            "来电人反映{address}楼下新开的烧烤店未安装油烟净化设施，油烟直接排进楼上住户窗户，"
            "晚上营业到凌晨，要求查处。"
        ),
        (
            "来电人反映{district}{street}某饭店排烟管道沿居民楼外墙安装，"
            "油烟和异味使居民不敢开窗，要求督促整改。"
        ),
    ),
    "040202": (  # 工业废气
        (
            "举报：{district}某化工企业夜间排放刺激性气体，附近居民闻到明显异味，已持续{days}天，"
            "要求环保部门夜间突击检查。"
        ),
        (
            "来电人反映{address}附近一家汽修厂在露天喷漆，油漆味很重，"
            "要求环保部门检查其是否有废气处理设施。"
        ),
    ),
    "040203": (  # 露天焚烧
        (
            "来电人反映{district}{street}附近有人露天焚烧垃圾和废旧轮胎，浓烟很大，"
            "附近居民无法开窗，要求相关部门立即制止。"
        ),
        (
            "来电人反映每到傍晚{address}附近就有人焚烧树叶和秸秆，烟雾飘进居民家中，老人咳嗽不止，"
            "要求相关部门制止。"
        ),
    ),
    "040301": (  # 企业排污
        (
            "举报：{address}附近一家洗车店将洗车污水直接排入雨水井，最终流入附近河道，"
            "河水发黑发臭，要求环保部门查处。"
        ),
        (
            "来电人反映{district}{street}附近河道近{days}天出现大量死鱼，水面漂有油花，"
            "怀疑上游企业偷排，要求查明污染源。"
        ),
    ),
    "040302": (  # 近岸海域污染
        (
            "来电人反映{district}海边浴场近{days}天海面漂浮大量垃圾和油污，有明显异味，游客较多，"
            "要求相关部门清理并查明污染来源。"
        ),
        (
            "来电人反映{district}{street}附近海边有排污口向海里排放浑浊污水，"
            "附近养殖户担心影响海产品，要求环保部门检测。"
        ),
    ),
    "050101": (  # 拖欠工资
        (
            "来电人反映其在{district}某建筑工地务工，"
            "项目完工后施工方拖欠其与12名工友工资共计约8万元，已拖欠{days}天，多次讨要无果，"
            "要求帮助追讨。"
        ),
        (
            "来电人称其原工作单位位于{address}的一家餐饮公司，在其离职后拒不支付最后两个月工资，"
            "要求劳动监察部门处理。"
        ),
        (
            "来电人反映{district}{street}某快递网点以业绩不达标为由克扣员工工资，"
            "已有十余名员工{days}天未拿到工资，要求处理。"
        ),
    ),
    "050102": (  # 劳动合同纠纷
        (
            "来电人反映其在{district}某物流公司工作两年，公司一直未与其签订书面劳动合同，"
            "近日被口头辞退且无任何补偿，咨询如何维权。"
        ),
        (
            "来电人反映{address}某公司强制员工签订自愿放弃缴纳社会保险的声明，不签就不发工资，"
            "要求相关部门查处。"
        ),
    ),
    "050103": (  # 未缴纳社会保险
        "举报：{address}某公司有员工约30人，公司一直未为员工缴纳社会保险，要求劳动监察部门查处。",
        (
            "来电人反映其所在的{district}某酒店按最低基数为员工缴纳社保，与实际工资严重不符，"
            "要求核实。"
        ),
    ),
    "050201": (  # 就业补贴
        (
            "咨询：来电人是今年应届高校毕业生，在{district}一家小微企业就业，"
            "能否申请一次性就业补贴，需要什么材料，在哪里办理？"
        ),
        (
            "来电人反映已于{days}天前在网上申请灵活就业社保补贴，至今未显示审核结果，"
            "要求人社部门核实办理进度。"
        ),
    ),
    "050202": (  # 职业技能培训
        (
            "咨询：来电人目前失业在家，想参加政府补贴的职业技能培训，"
            "{district}有哪些培训机构和工种，培训期间是否有生活补贴？"
        ),
        (
            "来电人反映参加{district}某培训学校的电工培训，"
            "学校承诺的职业资格证书考试至今{days}天未组织，要求人社部门核实。"
        ),
    ),
    "060101": (  # 过期变质食品
        (
            "投诉：来电人于{days}天前在{address}某超市购买的牛奶已超过保质期，与超市协商赔偿未果，"
            "要求市场监管部门处理。"
        ),
        (
            "来电人反映{district}{street}某生鲜店出售的海鲜有异味，疑似变质后冰冻再售，"
            "要求市场监管部门检查。"
        ),
    ),
    "060102": (  # 餐饮卫生
        (
            "来电人反映在{district}{street}某饭店就餐后，同桌4人出现腹泻呕吐症状，怀疑食物不洁，"
            "要求相关部门检查该饭店卫生状况。"
        ),
        "来电人反映{address}某外卖店后厨卫生脏乱，曾看到有老鼠出没，要求市场监管部门查处。",
    ),
    "060103": (  # 无证经营
        (
            "举报：{address}小区一楼住户在家中开设小餐馆，没有营业执照和食品经营许可证，油烟扰民，"
            "要求市场监管部门查处无证经营。"
        ),
        (
            "举报：{district}{street}路边一家美容店无证经营，并向老年顾客推销所谓“特效”保健品，"
            "要求查处。"
        ),
    ),
    "060201": (  # 预付卡退费
        (
            "来电人反映其在{address}某健身房办理了年卡3800元，现健身房突然关门停业已{days}天，"
            "无法联系到经营者，要求帮助退费。"
        ),
        (
            "来电人反映{district}{street}某少儿英语培训机构以装修为由停课{days}天，"
            "剩余60节课费用约1.2万元不予退还，要求相关部门协调退费。"
        ),
        (
            "来电人反映在{district}某美发店充值2000元，店铺更换老板后新店主不承认原会员卡余额，"
            "要求维权。"
        ),
    ),
    "060202": (  # 商品质量
        (
            "投诉：来电人在{district}某家电卖场购买的冰箱使用不到一个月就不制冷，"
            "商家只同意维修不同意换货，要求按三包规定处理。"
        ),
        (
            "来电人反映在{address}某家具店定制的衣柜到货后板材有明显异味，与样品不符，"
            "商家拒绝退货，要求处理。"
        ),
    ),
    "060203": (  # 价格欺诈
        (
            "投诉：来电人在{district}{street}某海鲜市场购买海鲜，商家称重时缺斤短两，"
            "价格明显高于标价，要求查处。"
        ),
        (
            "来电人反映{address}某药店同一种药品标价与结算价格不一致，结账时多收取费用，"
            "要求查处价格违法行为。"
        ),
    ),
    "060204": (  # 网购纠纷
        (
            "来电人反映{days}天前在网上从一家注册地在{district}的网店购买的羽绒服有质量问题，"
            "商家拒绝七天无理由退货，要求处理。"
        ),
        (
            "来电人反映通过直播间购买的海参到货后与宣传不符，含盐量明显超标，"
            "商家地址在{district}{street}，拒绝退款，要求处理。"
        ),
    ),
    "070101": (  # 入学划片
        (
            "咨询：孩子今年上小学，户口在{district}{street}，房产证是父母名下，"
            "孩子对应的施教区学校是哪所，需要准备哪些入学材料？"
        ),
        (
            "来电人反映其住在{address}，按划片应就读附近小学，"
            "但学校以学位已满为由要求调剂到3公里外的学校，要求教育部门核实。"
        ),
    ),
    "070102": (  # 校外培训
        "举报：{address}某住宅楼内有机构违规开展学科类培训，周末学生进出频繁，要求教育部门查处。",
        (
            "来电人反映{district}{street}某托管班无任何资质，一间屋子挤了30多个孩子，"
            "存在安全隐患，要求相关部门检查。"
        ),
    ),
    "070103": (  # 学校收费
        (
            "来电人反映{district}某中学要求学生统一在指定书店购买教辅资料，每人300余元，"
            "家长认为属于变相收费，要求教育部门核实。"
        ),
        (
            "来电人反映{district}{street}某小学以班费名义向每名学生收取500元，未公开使用明细，"
            "要求教育部门核查。"
        ),
    ),
    "070104": (  # 幼儿园管理
        "咨询：{district}普惠性幼儿园如何报名，收费标准是多少，外地户籍孩子能否入园？",
        (
            "来电人反映{address}某民办幼儿园未经家长同意上调保育费，并要求一次性缴纳一学年费用，"
            "要求教育部门核实。"
        ),
    ),
    "070201": (  # 师德师风
        (
            "来电人反映{district}某小学班主任在课堂上辱骂学生，孩子回家后不愿上学，"
            "要求教育部门调查处理。"
        ),
        (
            "表扬：来电人称孩子所在{district}某中学的班主任{name}老师利用休息时间为学生义务补课，"
            "关心学生成长，特致电表扬。"
        ),
    ),
    "070202": (  # 课后服务
        (
            "建议：{district}部分小学课后服务只到下午5点，双职工家庭接孩子困难，"
            "建议延长课后服务时间并丰富服务内容。"
        ),
        (
            "来电人反映{district}某小学课后服务实际只是在教室自习，却按每月300元收费，"
            "家长认为不合理，要求教育部门核实收费标准。"
        ),
    ),
    "080101": (  # 医疗服务态度
        (
            "投诉：来电人{days}天前带孩子到{district}某医院儿科就诊，医生态度冷漠，"
            "未仔细检查就开药，要求医院调查处理。"
        ),
        (
            "表扬：来电人称其母亲在{district}某医院心内科住院期间，医生{name}和护士们认真负责、"
            "耐心细致，特致电表示感谢。"
        ),
    ),
    "080102": (  # 医疗纠纷
        (
            "来电人反映其父亲在{district}某医院做完手术后出现严重感染，医院对病情解释含糊，"
            "来电人怀疑存在医疗过错，咨询如何申请医疗事故鉴定。"
        ),
        (
            "来电人反映其母亲在{district}某医院输液后出现严重过敏，医院拒绝提供完整病历复印件，"
            "要求卫健部门督促医院依法提供。"
        ),
    ),
    "080103": (  # 挂号难
        (
            "来电人反映某三甲医院专家号在网上预约平台放号几秒就被约满，怀疑有号贩子倒号，"
            "要求卫健部门加强管理。"
        ),
        (
            "建议：{district}社区卫生服务中心周末不开诊，老人看小病只能去大医院排队，"
            "建议社区医院周末安排值班门诊。"
        ),
    ),
    "080201": (  # 疫苗接种
        "咨询：孩子刚从外地转学到{district}，疫苗接种记录如何转入本地接种门诊，需要携带哪些材料？",
        (
            "来电人反映{district}{street}社区卫生服务中心的成人流感疫苗已经断货{days}天，"
            "询问何时到货。"
        ),
    ),
    "080202": (  # 病媒生物防治
        (
            "来电人反映{address}附近下水道口老鼠成群出没，已有住户家中进入老鼠，"
            "要求相关部门组织灭鼠。"
        ),
        (
            "来电人反映{district}{street}附近绿化带和积水处蚊虫很多，已持续{days}天，"
            "居民晚上不敢开窗，要求组织消杀。"
        ),
    ),
    "090101": (  # 医保报销
        (
            "来电人反映其父亲在{district}某医院住院，出院结算时部分药品医保不予报销，"
            "来电人认为该药品在医保目录内，要求医保部门核实。"
        ),
        (
            "来电人反映在{district}{street}某定点药店刷医保卡购药时，"
            "店员要求搭配购买保健品才能刷卡，要求医保部门查处。"
        ),
    ),
    "090102": (  # 异地就医备案
        (
            "咨询：来电人是大连职工医保参保人，退休后长期在外省子女家居住，如何办理异地就医备案，"
            "能否在手机上办理？"
        ),
        (
            "来电人反映已于{days}天前在网上提交异地就医备案申请，至今显示审核中，"
            "下周要在外地住院，要求尽快办理。"
        ),
    ),
    "090103": (  # 城乡居民医保缴费
        (
            "咨询：{district}城乡居民医疗保险今年的缴费截止时间是什么时候，新生儿如何参保，"
            "可以通过哪些渠道缴费？"
        ),
        (
            "来电人反映已于{days}天前通过手机缴纳了城乡居民医保费，但系统仍显示未参保，"
            "就医时无法报销，要求医保部门核实。"
        ),
    ),
    "090201": (  # 养老金待遇
        "来电人反映其已于{days}天前办理了退休手续，但养老金至今未发放，要求社保部门核实原因。",
        "来电人反映今年养老金调整后，其到账金额与测算结果不一致，要求社保部门说明计算依据。",
    ),
    "090202": (  # 养老保险转移接续
        (
            "来电人称其在外地工作缴纳养老保险10年，现回大连工作，"
            "申请养老保险关系转移已{days}天仍未办结，要求加快办理。"
        ),
        (
            "咨询：来电人从{district}调往外省工作，原单位缴纳的养老保险如何转出，"
            "个人账户里的钱会不会受损失？"
        ),
    ),
    "090203": (  # 灵活就业人员参保
        (
            "咨询：来电人在{district}从事个体经营，没有单位，想以灵活就业人员身份缴纳养老保险，"
            "缴费档次有哪些，如何办理？"
        ),
        (
            "来电人反映其以灵活就业人员身份在{district}参保，银行扣款已{days}天，"
            "社保系统仍显示欠费，要求核实。"
        ),
    ),
    "090301": (  # 公积金提取
        (
            "咨询：来电人在{district}租房居住，想提取住房公积金支付房租，每年可以提取多少，"
            "需要什么材料，能否线上办理？"
        ),
        "来电人反映已于{days}天前在网上提交公积金提取申请，至今未到账，要求公积金中心核实。",
    ),
    "090302": (  # 公积金贷款
        (
            "来电人反映其在{district}购买二手房申请公积金贷款，银行和公积金中心互相推诿，"
            "审批已超过{days}天未放款，卖方要求解除合同，要求协调。"
        ),
        (
            "咨询：夫妻双方都在{district}缴存公积金，首套房公积金贷款最高额度是多少，"
            "贷款审批一般需要多长时间？"
        ),
    ),
    "100101": (  # 户口迁移
        (
            "咨询：来电人在{district}购买了商品房，想将户口从外地迁入大连，需要满足什么条件，"
            "到哪个派出所办理，带哪些材料？"
        ),
        (
            "来电人反映为孩子办理出生落户时，{street}派出所要求提供的材料与网上公布的不一致，"
            "来回跑了三次仍未办成，要求核实。"
        ),
    ),
    "100102": (  # 身份证办理
        "来电人反映在{district}某派出所补办身份证已超过{days}天仍未领到，询问办理进度。",
        (
            "表扬：来电人称{days}天前到{district}某派出所户籍窗口办理业务，"
            "民警{name}在下班后主动为其加班办理，特致电表扬。"
        ),
    ),
    "100201": (  # 交通违法处理
        (
            "咨询：来电人车辆在{district}{street}被电子眼抓拍违停，认为当时是临时停车让老人下车，"
            "如何申请复核？"
        ),
        (
            "来电人反映{district}{street}路口新设的违停抓拍没有任何提示标志，很多车辆被抓拍，"
            "要求增设提示牌。"
        ),
    ),
    "100202": (  # 违规停车
        (
            "来电人反映{address}小区门口每天都有车辆停在消防通道和人行道上，导致救护车、"
            "垃圾车无法进入，要求交警部门加强管理。"
        ),
        (
            "来电人反映{district}{street}学校门口上下学时段家长车辆随意停放，交通严重拥堵，"
            "要求安排交警疏导。"
        ),
    ),
    "100203": (  # 信号灯故障
        (
            "来电人反映{district}{street}路口信号灯已坏{days}天，一直黄灯闪烁，高峰时段车辆混乱，"
            "存在安全隐患，要求尽快维修。"
        ),
        (
            "建议：{district}{street}路口行人绿灯时间只有15秒，老人过马路走不完，"
            "建议延长行人通行时间。"
        ),
    ),
    "100302": (  # 养犬管理
        (
            "来电人反映{address}小区有居民遛狗不拴绳，大型犬多次追咬儿童，"
            "要求公安部门依据养犬管理规定查处。"
        ),
        (
            "来电人反映{address}邻居家中饲养多只大型犬，每天夜间狂吠，严重影响休息，协商无果，"
            "要求处理。"
        ),
    ),
    "110101": (  # 停水
        (
            "来电人反映{address}小区从今天早上开始停水，事先未看到任何停水通知，至今已超过10小时，"
            "要求自来水公司说明原因并尽快恢复供水。"
        ),
        (
            "来电人反映{district}{street}因管道维修计划停水，但通知的恢复时间已过去一天仍未来水，"
            "居民生活受到严重影响，要求加快抢修。"
        ),
    ),
    "110102": (  # 水质问题
        (
            "来电人反映{address}家中自来水近{days}天发黄浑浊并有异味，不敢饮用，"
            "要求自来水公司检测水质。"
        ),
        (
            "来电人反映{district}{street}一带管道改造后，自来水中有白色絮状物，"
            "烧开后壶底水垢很多，要求检测水质并公布结果。"
        ),
    ),
    "110103": (  # 水压低
        (
            "来电人反映{district}{street}一带连续{days}天每晚7点后水压过低，"
            "高层住户家中基本没有水，要求查明原因。"
        ),
        (
            "来电人反映{address}小区二次供水加压泵故障已{days}天，五楼以上住户用水困难，"
            "物业称归自来水公司管，要求明确责任尽快维修。"
        ),
    ),
    "110104": (  # 水费水表
        (
            "来电人反映{address}家中本月水费是平时的五倍，家中无人居住也无漏水，怀疑水表故障，"
            "要求上门检测。"
        ),
        (
            "咨询：{district}居民阶梯水价如何计算，家中人口多超过基本用水量的，"
            "能否申请按人口核增水量？"
        ),
    ),
    "110201": (  # 停电
        (
            "来电人反映{address}一带今天多次短时停电，家中电器已损坏，"
            "要求供电公司排查原因并说明情况。"
        ),
        (
            "来电人反映{district}{street}小区自昨晚10点开始停电，至今未恢复，"
            "供电抢修电话一直占线，家中有病人需要用制氧机，情况紧急。"
        ),
        (
            "表扬：来电人称{days}天前家中突然断电，供电公司抢修人员{name}冒雨赶到，连夜排除故障，"
            "特致电表扬。"
        ),
    ),
    "110202": (  # 电压不稳
        (
            "来电人反映{address}小区每到晚上用电高峰电压明显偏低，空调无法启动，灯光闪烁，"
            "已持续{days}天，要求供电公司改造线路。"
        ),
        (
            "来电人反映{district}{street}沿街商户近{days}天频繁跳闸，供电电压忽高忽低，"
            "已烧坏两台冰柜，要求供电公司检查线路并赔偿。"
        ),
    ),
    "110301": (  # 燃气泄漏
        (
            "来电人反映{address}单元楼道内有明显燃气味，已开窗通风，担心燃气泄漏，"
            "要求燃气公司立即派人上门检查。"
        ),
        (
            "来电人反映{district}{street}路边施工挖断燃气管道，现场能听到气体泄漏声，情况紧急，"
            "要求燃气公司立即抢修。"
        ),
    ),
    "110302": (  # 燃气开通
        (
            "来电人反映其{address}新房已于{days}天前向燃气公司申请开通燃气，至今未安排上门通气，"
            "要求加快办理。"
        ),
        (
            "咨询：来电人在{address}购买的二手房已停气多年，如何办理燃气复通，需要带哪些材料，"
            "是否需要重新安检？"
        ),
    ),
    "110303": (  # 燃气安检收费
        (
            "来电人反映燃气公司安检人员上门时要求更换燃气报警器和软管，收费较高且不能自行购买，"
            "来电人质疑是否属于强制消费。"
        ),
        (
            "来电人反映有人自称燃气公司安检员到{address}入户推销燃气报警器，收费600元，"
            "来电人怀疑冒充燃气公司，要求核实并提醒居民。"
        ),
    ),
    "110401": (  # 手机信号差
        (
            "来电人反映{address}家中中国移动手机信号很差，室内经常显示无服务，已持续{days}天，"
            "要求移动公司增设基站改善信号。"
        ),
        (
            "建议：{district}{street}一带新建小区入住率已很高，但地下车库和电梯内没有移动信号，"
            "建议运营商增设室内分布系统。"
        ),
    ),
    "110402": (  # 宽带故障
        (
            "来电人反映{address}家中宽带已断网{days}天，多次报修均称排队等待，影响孩子上网课，"
            "要求尽快上门维修。"
        ),
        (
            "来电人反映移动宽带办理时承诺免费安装，装机人员到{address}上门后又收取了200元材料费，"
            "要求运营商退还并核实。"
        ),
    ),
    "110501": (  # 排水管道堵塞
        (
            "来电人反映{address}楼前市政排水管道堵塞，污水从检查井口外溢已{days}天，气味难闻，"
            "要求尽快疏通。"
        ),
        (
            "来电人反映{district}{street}一带化粪池满溢，污水漫到人行道上已{days}天，"
            "要求尽快组织抽排清掏。"
        ),
    ),
    "110502": (  # 路面积水
        (
            "来电人反映每逢下雨{district}{street}下穿桥处都会严重积水，车辆熄火，行人无法通行，"
            "要求排水部门彻底整治。"
        ),
        (
            "来电人反映{address}小区门前道路地势低洼，昨天降雨后积水深达半米，雨水倒灌进地下车库，"
            "要求排水部门尽快排涝。"
        ),
    ),
    "120101": (  # 低保申请
        (
            "咨询：来电人家住{district}，本人身患重病无劳动能力，家庭收入很低，"
            "能否申请最低生活保障，需要到哪里申请、准备哪些材料？"
        ),
        (
            "来电人反映已于{days}天前向{street}所在街道提交低保申请，至今没有任何答复，"
            "要求民政部门督促办理。"
        ),
    ),
    "120102": (  # 临时救助
        (
            "求助：来电人家住{address}，丈夫突发疾病住院，家中无其他收入来源，"
            "孩子上学费用无法负担，请求给予临时救助。"
        ),
        (
            "求助：来电人反映其邻居是{district}一位残疾老人，家中失火后无处居住已{days}天，"
            "请求民政部门给予临时救助和安置。"
        ),
    ),
    "120201": (  # 养老机构
        (
            "来电人反映其母亲在{district}某养老院入住，护理人员未按约定定时翻身护理，"
            "老人身上出现褥疮，要求民政部门调查。"
        ),
        (
            "咨询：来电人想为失能的父亲选择{district}的养老机构，哪些是民政部门备案的机构，"
            "入住有没有补贴？"
        ),
    ),
    "120202": (  # 高龄津贴
        (
            "咨询：来电人父亲今年满80周岁，户籍在{district}，如何申请高龄津贴，每月发放多少，"
            "能否在手机上申请？"
        ),
        (
            "来电人反映其父亲的高龄津贴已连续{days}天未到账，社区称在审核中，"
            "要求民政部门核实发放情况。"
        ),
    ),
    "130101": (  # 不动产权证办理
        (
            "来电人反映其在{district}购买的房屋已入住{days}天，开发商一直未办理不动产权证，"
            "孩子入学受到影响，要求督促开发商尽快办证。"
        ),
        (
            "咨询：父母去世后房屋继承过户需要到哪里办理，除了公证之外是否还有其他办理方式，"
            "需要准备哪些材料？"
        ),
    ),
    "130202": (  # 违法占地
        "举报：{district}某村有人占用耕地建设厂房，已施工{days}天，要求自然资源部门核查处理。",
        (
            "举报：{district}{street}附近山坡上有人违法开山取石，山体植被大面积破坏，"
            "要求自然资源部门制止并查处。"
        ),
    ),
    "140101": (  # 旅行社纠纷
        (
            "投诉：来电人报名参加{district}某旅行社组织的旅游团，行程中导游强制游客购物，"
            "未购物的游客被冷落，要求文旅部门查处。"
        ),
        (
            "来电人反映在{address}某旅行社报名出境游，出发前旅行社以成团人数不足为由取消行程，"
            "定金5000元至今未退，要求处理。"
        ),
    ),
    "140102": (  # 景区服务
        (
            "来电人反映在大连某海滨景区游玩时，景区停车场未公示收费标准，临时加价收费，"
            "要求相关部门查处。"
        ),
        (
            "建议：夏季{district}海滨浴场游客众多，临时卫生间和更衣室严重不足，"
            "建议增加设施并加强旺季管理。"
        ),
    ),
    "150101": (  # 安全隐患
        (
            "来电人反映{address}附近一家小餐馆在店内存放多个液化气罐，后厨与就餐区未分隔，"
            "存在重大安全隐患，要求应急管理部门检查。"
        ),
        (
            "举报：{district}{street}附近一处仓库违规存放大量烟花爆竹，周边就是居民区，"
            "要求相关部门立即检查。"
        ),
    ),
    "150102": (  # 消防通道堵塞
        (
            "来电人反映{address}小区消防通道长期被私家车和地锁占用，物业不管，"
            "一旦发生火灾消防车无法进入，要求相关部门处理。"
        ),
        (
            "来电人反映{district}{street}某商场安全出口被货物堵塞，部分疏散指示灯不亮，"
            "存在重大火灾隐患，要求相关部门检查。"
        ),
    ),
    "160101": (  # 发票开具
        (
            "投诉：来电人在{address}某饭店消费后索要发票，商家以没有发票或需要加收税点为由拒开，"
            "要求税务部门处理。"
        ),
        (
            "来电人反映在{district}{street}某加油站加油后要求开具增值税专用发票，"
            "加油站以系统故障为由已推脱{days}天，要求处理。"
        ),
    ),
    "160102": (  # 个人所得税
        (
            "咨询：个人所得税年度汇算如何办理，赡养老人和子女教育专项附加扣除如何填报，"
            "办理截止时间是什么时候？"
        ),
        (
            "来电人反映在个人所得税APP上发现{district}某公司以其名义申报了工资收入，"
            "来电人从未在该公司工作过，要求税务部门核查。"
        ),
    ),
    "160201": (  # 以旧换新补贴
        "咨询：家电以旧换新补贴如何申请，在{district}哪些商场可以享受补贴，线上购买能否享受？",
        (
            "来电人反映在{district}{street}某家电卖场参加以旧换新活动，商家先涨价再打折，"
            "实际未享受到补贴优惠，要求查处。"
        ),
    ),
    "170101": (  # 人才政策
        (
            "咨询：来电人是外地本科毕业生，想在大连就业落户，大连对高校毕业生有哪些人才政策，"
            "租房补贴和生活补贴如何申请？"
        ),
        (
            "咨询：来电人是硕士研究生，准备到{district}的一家科技企业工作，能否申请人才安居补贴，"
            "需要在入职多长时间内申请？"
        ),
    ),
    "170102": (  # 购房政策
        (
            "咨询：大连目前购买二手房是否还有限购政策，外地户籍能否在{district}买房，"
            "首套房契税有什么优惠？"
        ),
        (
            "咨询：来电人想在{district}购买新房，多孩家庭购房是否有额外补贴，"
            "公积金贷款额度能否上浮，在哪里申请？"
        ),
    ),
    "170103": (  # 生育育儿政策
        (
            "咨询：国家育儿补贴如何申领，孩子出生在{district}，需要通过什么渠道提交申请，"
            "多长时间到账？"
        ),
        (
            "咨询：来电人在{district}生育二孩，生育津贴如何申领，丈夫的陪产假有多少天，"
            "单位不批怎么办？"
        ),
    ),
    "170104": (  # 创业扶持政策
        (
            "咨询：来电人准备在{district}开一家小餐馆，作为返乡创业人员能否申请创业担保贷款，"
            "额度和贴息政策是什么？"
        ),
        (
            "咨询：来电人是退役军人，想在{district}{street}附近开办小型加工厂，"
            "有哪些创业补贴和税收优惠，去哪里申请？"
        ),
    ),
    "*": (  # 通用
        (
            "来电人反映{address}附近存在的问题已持续{days}天，多次向相关单位反映未得到解决，"
            "要求相关部门尽快核实处理并给予答复。"
        ),
        (
            "来电人再次来电，称{days}天前反映的{address}相关问题至今无人联系，"
            "要求催促承办单位尽快办理。"
        ),
        (
            "来电人反映此前就{address}的问题向热线反映过，承办单位回复已处理，"
            "但实际情况没有任何改变，对回复不认可，要求重新核实处理。"
        ),
        (
            "表扬：来电人称{days}天前到{district}政务服务中心办事，工作人员{name}热情耐心，"
            "主动帮助其整理材料，一次办结，特致电表扬。"
        ),
        (
            "表扬：来电人感谢{district}{street}所在社区工作人员{name}，"
            "在其家中遇到困难时多次上门帮助协调，特致电表示感谢。"
        ),
        (
            "咨询：来电人想了解在{district}办理相关业务的具体地点、"
            "需要携带的材料以及窗口办公时间，能否通过辽事通APP网上办理？"
        ),
        (
            "举报：{address}附近一商户长期无证经营，且存在消防安全隐患，多次有人劝阻无效，"
            "要求相关部门依法查处。"
        ),
        (
            "建议：{district}{street}附近居民区集中，配套设施不足，建议相关部门统筹规划，"
            "增设便民服务设施，方便群众生活。"
        ),
        (
            "求助：来电人是{district}一位独居老人，子女在外地，"
            "家中{days}天前出现问题无人帮助处理，请求社区或相关部门上门帮忙。"
        ),
        (
            "来电人反映{district}{street}一带的问题影响周边居民正常生活已有{days}天，"
            "希望政府部门重视并尽快解决，要求回复处理结果。"
        ),
        (
            "来电人反映向{district}相关部门反映问题时，工作人员互相推诿，让其找其他部门，"
            "来电人来回跑了多次仍未解决，要求协调。"
        ),
        (
            "来电人反映{address}门前问题已持续{days}天，曾拨打物业和社区电话均无人接听，"
            "来电人情绪激动，要求尽快派人处理。"
        ),
    ),
}

# 承办单位回复 (department replies).
REPLY_TEMPLATES: tuple[str, ...] = (
    (
        "经核实，来电人反映情况属实。我单位已于接单当日派工作人员到现场调查，"
        "督促责任单位完成整改，现问题已处理完毕，已电话向来电人解释说明，来电人表示认可。"
    ),
    (
        "经核实，来电人反映的问题部分属实。我单位已约谈相关责任单位，责令其限期整改，"
        "并将持续跟踪整改情况，已向来电人反馈办理进展。"
    ),
    (
        "接到工单后，我单位立即组织人员现场核查，现场未发现来电人反映的情况。"
        "已联系来电人说明核查结果，并告知如再次发现可随时反映，来电人表示理解。"
    ),
    (
        "经核实，该问题已列入我单位年度工作计划，预计年内实施完成。因涉及资金和施工安排，"
        "暂时无法立即解决，已向来电人耐心解释说明。"
    ),
    (
        "经联系来电人了解详细情况，我单位已协调双方当事人进行调解，双方达成一致意见，"
        "相关费用已退还来电人，问题已解决，已向来电人解释说明。"
    ),
    (
        "经核实，来电人所述事项属于民事纠纷，建议来电人通过协商、"
        "人民调解或向人民法院提起诉讼等途径解决，已向来电人告知相关法律途径。"
    ),
    (
        "我单位执法人员已于接单次日到现场检查，对违规行为当场责令停止，并依法立案调查，"
        "下一步将根据调查结果依法作出处理，已向来电人反馈。"
    ),
    (
        "经核实，来电人反映的问题系设备故障所致，我单位已于接单次日安排维修人员更换故障部件，"
        "经测试运行正常，已电话回复来电人。"
    ),
    (
        "针对来电人咨询的问题，我单位已电话联系来电人，就相关政策规定、办理条件、"
        "所需材料及办理地点进行了详细解答，来电人表示清楚。"
    ),
    (
        "经核实，来电人反映的情况我单位此前已掌握，现已会同属地街道开展联合整治，"
        "并加大日常巡查频次，防止问题反弹，已向来电人解释说明。"
    ),
    (
        "感谢来电人对我单位工作的肯定。我单位已将表扬意见转达至相关工作人员所在科室，"
        "并在单位内部通报表扬，今后将继续提升服务质量。"
    ),
    (
        "对来电人提出的建议，我单位高度重视，已组织相关科室研究论证，将在后续工作中统筹考虑，"
        "已向来电人致谢并说明情况。"
    ),
    (
        "经多次拨打来电人电话均无人接听，我单位已按工单所留地址到现场核查，现场问题已处理完毕，"
        "现将办理情况予以回复。"
    ),
    (
        "经核实，来电人反映的问题属实。我单位已向相关单位下达责令整改通知书，经督促，"
        "该单位已按要求整改到位，已向来电人解释说明，来电人对处理结果表示满意。"
    ),
)

# 退单理由 (a department returns an order that is not its duty).
RETURN_REASONS: tuple[str, ...] = (
    (
        "经核实，该诉求涉及小区内电梯安全运行问题，属于市场监督管理部门特种设备安全监管职责，"
        "非我单位职责范围，建议转市市场监督管理局办理。"
    ),
    (
        "经核实，该诉求涉及餐饮油烟排放问题，根据职责分工属于城市管理综合行政执法部门职责，"
        "非我单位职责范围，建议转市城市管理局办理。"
    ),
    (
        "经核实，该诉求涉及的道路为小区内部道路，不属于市政道路，应由产权单位或物业企业负责维修，"
        "非我单位职责范围，建议转属地街道协调办理。"
    ),
    "经核实，该诉求涉及供热管网维修，属于供热企业职责，非我单位职责范围，建议转大连热电集团办理。",
    (
        "经核实，该诉求涉及户口迁移政策，属于公安机关户政管理职责，非我单位职责范围，"
        "建议转市公安局办理。"
    ),
    (
        "经核实，来电人反映地点位于相邻区管辖范围内，不属于我区属地管理职责，非我单位职责范围，"
        "建议转属地区政府办理。"
    ),
    (
        "经核实，该诉求涉及的劳动争议已进入仲裁程序，属于劳动人事争议仲裁机构职责，"
        "非我单位职责范围，建议来电人按仲裁程序处理。"
    ),
    (
        "经核实，工单所留地址不详，无法确定具体位置，多次联系来电人均未接通，无法开展核查，"
        "建议补充详细地址后重新派单。"
    ),
)

# 延期理由 (reasons for asking more working days).
EXTENSION_REASONS: tuple[str, ...] = (
    (
        "该问题涉及住建、城管及属地街道等多个单位，需组织现场会商确定处置方案，"
        "在规定时限内无法办结，申请延期。"
    ),
    "维修需更换专用配件，厂家供货周期约7个工作日，待配件到货后安排维修，申请延期。",
    "该诉求涉及近三年缴费记录核对，需调取档案并与银行逐笔核对，核查工作量较大，申请延期。",
    "经多次联系来电人均未接通，无法了解具体诉求情况，需进一步联系核实，申请延期。",
    "该问题已进入行政执法程序，依法需履行立案、调查取证、告知等程序，办理周期较长，申请延期。",
    "受近期连续降雨降雪天气影响，室外施工无法进行，待天气好转后实施维修，申请延期。",
    "涉事企业负责人在外地，需当面约谈后方能落实整改方案，申请延期。",
    "整改需动用专项维修资金，须经业主表决及资金审批程序，申请延期。",
)

# 直接办结答复: what an operator reads out from the knowledge base.
DIRECT_ANSWERS: tuple[str, ...] = (
    (
        "您好，提取住房公积金支付房租的，可通过住房公积金网上服务大厅或手机APP线上办理，"
        "需本人身份证和本人名下银行卡；也可到公积金中心各管理部窗口办理。咨询电话12329。"
    ),
    (
        "您好，职工医保异地就医备案可通过国家医保服务平台APP或辽事通APP线上办理，"
        "也可到参保地医保经办机构窗口办理，需提供身份证或医保电子凭证。咨询电话12393。"
    ),
    (
        "您好，最低生活保障应向户籍所在地街道办事处或乡镇人民政府提出申请，需提供身份证、户口簿、"
        "家庭收入和财产状况说明等材料，社区居委会可协助代为提交。"
    ),
    (
        "您好，新生儿参加城乡居民医保可在出生落户后通过辽事通APP办理参保登记，缴费可通过微信、"
        "支付宝或合作银行渠道缴纳。详情可拨打12393咨询。"
    ),
    (
        "您好，个人所得税年度汇算可通过个人所得税APP自行办理，办理时间为次年3月1日至6月30日，"
        "专项附加扣除可在APP中填报，如有疑问可拨打纳税服务热线12366。"
    ),
    (
        "您好，遇到商品质量或预付卡退费纠纷，可先与经营者协商，"
        "协商不成可拨打12315或通过全国12315平台投诉，需提供购物凭证、合同和付款记录等证据。"
    ),
    (
        "您好，被拖欠工资的，可向用工所在地人力资源和社会保障部门劳动保障监察机构投诉，"
        "需提供身份证以及劳动合同、工资条或考勤记录等材料，也可拨打12333咨询。"
    ),
    (
        "您好，身份证补领、换领可到户籍所在地或居住地公安派出所户籍窗口办理，需携带户口簿，"
        "本人到场采集照片和指纹，具体领证时间以窗口告知为准。"
    ),
    (
        "您好，停电报修请拨打国家电网供电服务热线95598，或通过网上国网APP报修，"
        "请提供停电地址和用电户号，抢修人员将按规定时限到达现场。"
    ),
    (
        "您好，供暖报停需在供暖期开始前向所属供热单位申请，携带房产证或购房合同、"
        "身份证及上年度缴费票据办理，报停期间是否收取基础热费以供热单位规定为准。"
    ),
    (
        "您好，闻到燃气味时请立即关闭燃气总阀，打开门窗通风，切勿开关电器、"
        "使用明火或在室内拨打电话，到室外安全地带后拨打燃气公司抢修电话或119报警。"
    ),
    (
        "您好，高龄津贴可由本人或家属持老人身份证、户口簿和银行卡到户籍所在社区或街道申请，"
        "也可通过辽事通APP线上申请，审核通过后按月发放。"
    ),
)

# 回访记录 per callback outcome (keys are the CallbackOutcome values).
CALLBACK_NOTES: dict[str, tuple[str, ...]] = {
    "satisfied": (
        "来电人表示问题已解决，对办理结果满意。",
        "来电人表示承办单位工作人员已上门处理，态度很好，表示满意。",
        "来电人表示已收到退款，对热线和承办单位的帮助表示感谢，满意。",
        "来电人表示咨询的问题已得到详细解答，满意。",
    ),
    "basically_satisfied": (
        "来电人表示问题基本解决，但处理时间偏长，基本满意。",
        "来电人表示承办单位已联系说明情况，问题暂未彻底解决，但认可处理态度，基本满意。",
        "来电人表示现场已整改，但担心问题反弹，希望加强后续巡查，基本满意。",
    ),
    "unsatisfied": (
        "来电人表示承办单位未联系本人，问题仍然存在，不满意，要求重新办理。",
        "来电人表示回复内容与实际情况不符，现场问题没有任何变化，不满意。",
        "来电人认为承办单位推诿扯皮，仅电话解释未实际处理，不满意。",
        "来电人对处理结果不认可，要求承办单位给出书面答复，不满意。",
    ),
    "not_reached": (
        "拨打来电人电话无人接听，本次回访未接通。",
        "来电人电话关机，本次回访未接通。",
        "来电人电话一直占线，本次回访未接通，稍后再次回访。",
        "来电人电话提示暂时无法接通，本次回访未接通。",
    ),
    "declined": (
        "来电人表示不想评价，随即挂断电话。",
        "来电人表示工作繁忙，拒绝接受回访。",
        "来电人称已不再关注此事，不愿作出评价。",
    ),
}
