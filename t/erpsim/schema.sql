-- t/erpsim/schema.sql: the 管家婆 (Grasp) tables erpsim serves, as an SQLite schema.
--
-- Declared column types are SQL Server type names (see prompts/erpsim-contract.md):
-- the TDS server maps them to wire types with sqlite3_column_decltype(). Table and
-- column names are spelled as 管家婆 spells them (shared/ref/grasp-erp-schema.md).
-- Only the columns the product reads, plus enough of the rest to look like the real
-- thing. erpsim-gen compiles this file in (gen-schema.h); keep it plain SQL, one
-- statement per ';'.

-- The account-set list; real servers keep it in master.dbo.GraspcwZt.
CREATE TABLE GraspcwZt (
	dbname VARCHAR(50) NOT NULL PRIMARY KEY,
	fullname VARCHAR(100) NOT NULL,
	GraspHHType INT NOT NULL DEFAULT 0,
	DogNo VARCHAR(50),
	createdate DATETIME
);

-- System settings; the product reads SubValue WHERE SubName = 'versionno'.
CREATE TABLE sysdata (
	SubName VARCHAR(50) NOT NULL PRIMARY KEY,
	SubValue VARCHAR(200),
	Comment VARCHAR(100)
);

-- Document type names (辉煌 generation).
CREATE TABLE Vchtype (
	VchType INT NOT NULL PRIMARY KEY,
	Name VARCHAR(20) NOT NULL,
	FullName VARCHAR(50) NOT NULL
);

-- Document type names (ERP generation), with the header and line tables per type.
CREATE TABLE T_GBL_Vchtype (
	vchtype INT NOT NULL PRIMARY KEY,
	name VARCHAR(20) NOT NULL,
	fullname VARCHAR(50) NOT NULL,
	cNdxTableName VARCHAR(50),
	cDlyTableName VARCHAR(50)
);

-- 往来单位: customers and suppliers in one tree. typeId is hierarchical
-- ('00000' root, '00001' a class, '0000100001' its first child); sonnum > 0 is a class.
CREATE TABLE Btype (
	typeId VARCHAR(25) NOT NULL PRIMARY KEY,
	parid VARCHAR(25) NOT NULL,
	leveal SMALLINT NOT NULL,
	soncount INT NOT NULL DEFAULT 0,
	sonnum INT NOT NULL DEFAULT 0,
	UserCode VARCHAR(26) NOT NULL,
	FullName VARCHAR(66) NOT NULL,
	Name VARCHAR(30),
	Namepy VARCHAR(60),
	Area VARCHAR(30),
	TelAndAddress VARCHAR(100),
	PostCode VARCHAR(10),
	Person VARCHAR(20),
	Mobile VARCHAR(30),
	TaxNumber VARCHAR(30),
	BankAndAcount VARCHAR(100),
	Comment VARCHAR(256),
	ARTotal DECIMAL(18,2) NOT NULL DEFAULT 0,
	APTotal DECIMAL(18,2) NOT NULL DEFAULT 0,
	ARTotal00 DECIMAL(18,2) NOT NULL DEFAULT 0,
	APTotal00 DECIMAL(18,2) NOT NULL DEFAULT 0,
	PreARTotal DECIMAL(18,2) NOT NULL DEFAULT 0,
	PreAPTotal DECIMAL(18,2) NOT NULL DEFAULT 0,
	arlimit DECIMAL(18,2) NOT NULL DEFAULT 0,
	deleted BIT NOT NULL DEFAULT 0,
	Rec INT,
	ParRec INT,
	isclient INT NOT NULL DEFAULT 0,
	EtypeID VARCHAR(25),
	CreateTime DATETIME
);
CREATE INDEX ix_btype_parid ON Btype (parid);
CREATE INDEX ix_btype_usercode ON Btype (UserCode);

-- 商品: the same tree design.
CREATE TABLE Ptype (
	typeId VARCHAR(25) NOT NULL PRIMARY KEY,
	ParId VARCHAR(25) NOT NULL,
	leveal SMALLINT NOT NULL,
	soncount INT NOT NULL DEFAULT 0,
	sonnum INT NOT NULL DEFAULT 0,
	UserCode VARCHAR(26) NOT NULL,
	FullName VARCHAR(66) NOT NULL,
	Name VARCHAR(30),
	Namepy VARCHAR(60),
	Standard VARCHAR(60),
	Type VARCHAR(60),
	Area VARCHAR(30),
	Unit1 VARCHAR(8),
	Unit2 VARCHAR(8),
	UnitRate1 DECIMAL(18,4) NOT NULL DEFAULT 1,
	UnitRate2 DECIMAL(18,4) NOT NULL DEFAULT 0,
	preprice1 DECIMAL(18,4) NOT NULL DEFAULT 0,
	preprice2 DECIMAL(18,4) NOT NULL DEFAULT 0,
	preprice3 DECIMAL(18,4) NOT NULL DEFAULT 0,
	recPrice FLOAT NOT NULL DEFAULT 0,
	barcode VARCHAR(30),
	Comment VARCHAR(256),
	deleted BIT NOT NULL DEFAULT 0,
	costmode INT NOT NULL DEFAULT 0,
	Rec INT,
	ParRec INT
);
CREATE INDEX ix_ptype_usercode ON Ptype (UserCode);

-- 职员 (经手人).
CREATE TABLE Employee (
	typeId VARCHAR(25) NOT NULL PRIMARY KEY,
	Parid VARCHAR(25) NOT NULL,
	leveal SMALLINT NOT NULL,
	soncount INT NOT NULL DEFAULT 0,
	sonnum INT NOT NULL DEFAULT 0,
	UserCode VARCHAR(26) NOT NULL,
	FullName VARCHAR(66) NOT NULL,
	Name VARCHAR(30),
	DtypeID VARCHAR(25),
	Tel VARCHAR(30),
	deleted BIT NOT NULL DEFAULT 0,
	Rec INT
);

-- 仓库.
CREATE TABLE Stock (
	typeId VARCHAR(25) NOT NULL PRIMARY KEY,
	parid VARCHAR(25) NOT NULL,
	leveal SMALLINT NOT NULL,
	soncount INT NOT NULL DEFAULT 0,
	sonnum INT NOT NULL DEFAULT 0,
	UserCode VARCHAR(26) NOT NULL,
	FullName VARCHAR(66) NOT NULL,
	Name VARCHAR(30),
	Person VARCHAR(20),
	Address VARCHAR(100),
	deleted BIT NOT NULL DEFAULT 0,
	Rec INT
);

-- 单据索引表: one row per document. draft 1 = 草稿, 2 = 过账.
-- RedWord 'T' marks a red reversal (Total negated); RedOld 'T' marks both rows of a voided pair.
-- Total is positive (ABS) on ordinary 11/45/4/115/116 documents.
CREATE TABLE Dlyndx (
	Vchcode BIGINT NOT NULL PRIMARY KEY,
	Date VARCHAR(10) NOT NULL,
	Number VARCHAR(50) NOT NULL,
	VchType INT NOT NULL,
	summary VARCHAR(256),
	Comment VARCHAR(256),
	btypeid VARCHAR(25),
	etypeid VARCHAR(25),
	ktypeid VARCHAR(25),
	ktypeid2 VARCHAR(25),
	SettleBtypeId VARCHAR(25),
	DeptID VARCHAR(25),
	InputNo INT,
	Total MONEY NOT NULL DEFAULT 0,
	Defdiscount FLOAT NOT NULL DEFAULT 1,
	draft INT NOT NULL,
	RedWord CHAR(1) NOT NULL DEFAULT 'F',
	RedOld CHAR(1) NOT NULL DEFAULT 'F',
	ifcheck CHAR(1) NOT NULL DEFAULT 'F',
	period INT NOT NULL DEFAULT 0,
	YearPeriod INT NOT NULL DEFAULT 0,
	GatheringDate VARCHAR(10),
	BillType INT NOT NULL DEFAULT 0,
	SaveDate DATETIME
);
CREATE INDEX ix_dlyndx_btypeid_date ON Dlyndx (btypeid, Date);
CREATE INDEX ix_dlyndx_date ON Dlyndx (Date);

-- Posted goods lines of sales (11) and sales returns (45). Sales lines are stored
-- negative (Qty and every amount), returns positive; red reversal lines are negated copies.
CREATE TABLE DlySale (
	dlyorder INT NOT NULL PRIMARY KEY,
	Vchcode BIGINT NOT NULL,
	Date VARCHAR(10) NOT NULL,
	VchType INT NOT NULL,
	atypeid VARCHAR(25),
	PtypeId VARCHAR(25) NOT NULL,
	btypeid VARCHAR(25),
	etypeid VARCHAR(25),
	ktypeid VARCHAR(25),
	ktypeid2 VARCHAR(25),
	Qty DECIMAL(18,4) NOT NULL DEFAULT 0,
	Price DECIMAL(18,4) NOT NULL DEFAULT 0,
	Total MONEY NOT NULL DEFAULT 0,
	discount FLOAT NOT NULL DEFAULT 1,
	DiscountPrice DECIMAL(18,4) NOT NULL DEFAULT 0,
	DiscountTotal MONEY NOT NULL DEFAULT 0,
	tax DECIMAL(18,2) NOT NULL DEFAULT 0,
	TaxPrice DECIMAL(18,4) NOT NULL DEFAULT 0,
	TaxTotal MONEY NOT NULL DEFAULT 0,
	tax_total MONEY NOT NULL DEFAULT 0,
	CostPrice DECIMAL(18,4) NOT NULL DEFAULT 0,
	CostTotal MONEY NOT NULL DEFAULT 0,
	Blockno VARCHAR(30),
	Prodate VARCHAR(10),
	comment VARCHAR(256),
	unit INT NOT NULL DEFAULT 1,
	period INT NOT NULL DEFAULT 0,
	UsedType INT NOT NULL DEFAULT 1,
	redword CHAR(1) NOT NULL DEFAULT 'F',
	Pstutas INT NOT NULL DEFAULT 0,
	Draft INT NOT NULL DEFAULT 2
);
CREATE INDEX ix_dlysale_vchcode ON DlySale (Vchcode);

-- Account (科目) lines. The AR row of a document has ATypeID '0000100005' and
-- Total = its effect on the receivable (+ increases).
CREATE TABLE Dlya (
	dlyorder INT NOT NULL PRIMARY KEY,
	Vchcode BIGINT NOT NULL,
	Date VARCHAR(10) NOT NULL,
	VchType INT NOT NULL,
	ATypeID VARCHAR(25) NOT NULL,
	BTypeID VARCHAR(25),
	ETypeID VARCHAR(25),
	KTypeID VARCHAR(25),
	Total FLOAT NOT NULL DEFAULT 0,
	period INT NOT NULL DEFAULT 0,
	UsedType INT NOT NULL DEFAULT 1,
	Comment VARCHAR(256),
	redword CHAR(1) NOT NULL DEFAULT 'F'
);
CREATE INDEX ix_dlya_vchcode ON Dlya (Vchcode);
CREATE INDEX ix_dlya_btypeid ON Dlya (BTypeID, ATypeID);

-- Lines of draft (unposted) documents, every type, signs as entered (positive).
CREATE TABLE BakDly (
	dlyorder INT NOT NULL PRIMARY KEY,
	Vchcode BIGINT NOT NULL,
	Date VARCHAR(10) NOT NULL,
	VchType INT NOT NULL,
	atypeid VARCHAR(25),
	PtypeId VARCHAR(25),
	btypeid VARCHAR(25),
	etypeid VARCHAR(25),
	ktypeid VARCHAR(25),
	Qty DECIMAL(18,4) NOT NULL DEFAULT 0,
	Price DECIMAL(18,4) NOT NULL DEFAULT 0,
	Total MONEY NOT NULL DEFAULT 0,
	discount FLOAT NOT NULL DEFAULT 1,
	DiscountPrice DECIMAL(18,4) NOT NULL DEFAULT 0,
	DiscountTotal MONEY NOT NULL DEFAULT 0,
	tax DECIMAL(18,2) NOT NULL DEFAULT 0,
	TaxPrice DECIMAL(18,4) NOT NULL DEFAULT 0,
	TaxTotal MONEY NOT NULL DEFAULT 0,
	tax_total MONEY NOT NULL DEFAULT 0,
	comment VARCHAR(256),
	unit INT NOT NULL DEFAULT 1,
	UsedType INT NOT NULL DEFAULT 1
);
CREATE INDEX ix_bakdly_vchcode ON BakDly (Vchcode);

-- erpsim's own facts about the file (not a 管家婆 table): database, company, version,
-- seed, preset, sizes, and for bench the customer and month of the big range.
CREATE TABLE erpsim_meta (
	name TEXT PRIMARY KEY,
	value TEXT
);
